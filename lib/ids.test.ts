import { describe, expect, it } from "vitest";
import { decodeBase32, encodeBase32, isId, newId, newIds, uuidv7Bytes } from "./ids";

describe("TypeIDs", () => {
  it("have the prefix, an underscore and 26 base32 characters", () => {
    const id = newId("suiteRun");
    expect(id).toMatch(/^srun_[0-7][0-9a-hjkmnp-tv-z]{25}$/);
    expect(isId("suiteRun", id)).toBe(true);
    expect(isId("run", id)).toBe(false);
  });

  it("sort by creation time, even within one millisecond", () => {
    const ids = newIds("run", 5000);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5000);
  });

  it("round-trip through the base32 codec", () => {
    const bytes = uuidv7Bytes();
    expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
    expect(bytes[6] >> 4).toBe(7); // version 7
  });

  it("reject malformed ids", () => {
    for (const bad of [
      "srun_",
      "srun_123",
      "srun_8zzzzzzzzzzzzzzzzzzzzzzzzz",
      "srun_0123456789abcdefghjkmnpqrsu",
      "x",
    ]) {
      expect(isId("suiteRun", bad)).toBe(false);
    }
  });
});
