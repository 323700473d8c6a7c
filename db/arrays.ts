/**
 * PostgreSQL array literals for big parameter arrays (150,000 run ids in one trigger), sent as one
 * text parameter and cast (`${textArray(ids)}::text[]`). Plain tokens such as ids are joined as they
 * are, without the per-element quoting pass of the driver's array serializer; anything else is quoted.
 */
const PLAIN = /^[A-Za-z0-9_.:-]+$/;

export function textArray(values: readonly string[]): string {
  const plain = values.every((v) => PLAIN.test(v) && v.toLowerCase() !== "null");
  if (plain) return `{${values.join(",")}}`;
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}

export function intArray(values: readonly number[]): string {
  if (!values.every(Number.isSafeInteger)) throw new TypeError("intArray takes integers only");
  return `{${values.join(",")}}`;
}
