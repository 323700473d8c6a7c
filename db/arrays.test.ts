import { describe, expect, it } from "vitest";
import { getSql } from "./client";
import { intArray, textArray } from "./arrays";

describe("array literals", () => {
  it("round-trip through PostgreSQL, ids and awkward strings alike", async () => {
    const sql = getSql();
    const values = [
      "run_01abc",
      "a,b",
      'say "hi"',
      "back\\slash",
      "{x}",
      "NULL",
      "null",
      "",
      " sp ",
    ];
    const [row] = await sql<{ v: string[] }[]>`select ${textArray(values)}::text[] as v`;
    expect(row.v).toEqual(values);
    const ids = Array.from({ length: 1000 }, (_, i) => `run_${i}`);
    const [plain] = await sql<{ v: string[] }[]>`select ${textArray(ids)}::text[] as v`;
    expect(plain.v).toEqual(ids);
    const [ints] = await sql<{ v: number[] }[]>`select ${intArray([0, -3, 42])}::int[] as v`;
    expect(ints.v).toEqual([0, -3, 42]);
    expect(() => intArray([1.5])).toThrow(TypeError);
  });
});
