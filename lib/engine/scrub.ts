/** Replace every secret value that leaked into an output or message with a marker. */
export function scrubSecrets<T>(value: T, secretValues: string[]): T {
  const needles = secretValues.filter((s) => s.length >= 4);
  if (needles.length === 0 || value === null || value === undefined) return value;
  if (typeof value === "string") return scrubText(value, needles) as T;
  const text = JSON.stringify(value);
  const scrubbed = scrubText(
    text,
    needles.map((n) => JSON.stringify(n).slice(1, -1)),
  );
  return scrubbed === text ? value : (JSON.parse(scrubbed) as T);
}

function scrubText(text: string, needles: string[]): string {
  let out = text;
  for (const n of needles) if (out.includes(n)) out = out.split(n).join("[secret]");
  return out;
}
