import { describe, expect, it } from "vitest";
import { score } from "./test-helpers";

const schema = {
  type: "object",
  properties: {
    answer: { type: "string" },
    confidence: { type: "number", minimum: 0, maximum: 1 },
    email: { type: "string", format: "email" },
  },
  required: ["answer"],
  additionalProperties: false,
};

describe("json_schema", () => {
  it("passes valid JSON text and returns it parsed", async () => {
    const result = await score("json_schema", { schema }, '{"answer": "Paris", "confidence": 0.9}');
    expect(result).toMatchObject({ score: 1, passed: true, reason: "Output matches the schema." });
    expect(result.scorerOutput).toEqual({
      valid: true,
      parsed_output: { answer: "Paris", confidence: 0.9 },
    });
  });

  it("accepts an already structured output and fenced JSON", async () => {
    expect((await score("json_schema", { schema }, { answer: "Paris" })).score).toBe(1);
    expect(
      (await score("json_schema", { schema }, '```json\n{"answer": "Paris"}\n```')).score,
    ).toBe(1);
  });

  it("lists errors with the instance path, message and keyword", async () => {
    const result = await score(
      "json_schema",
      { schema },
      '{"answer": 4, "confidence": 2, "extra": true}',
    );
    expect(result).toMatchObject({ score: 0, passed: false });
    expect(result.scorerOutput.valid).toBe(false);
    expect(result.scorerOutput.errors).toEqual(
      expect.arrayContaining([
        {
          path: "",
          message: 'must NOT have additional properties: "extra"',
          keyword: "additionalProperties",
        },
        { path: "/answer", message: "must be string", keyword: "type" },
        { path: "/confidence", message: "must be <= 1", keyword: "maximum" },
      ]),
    );
    expect(result.reason).toMatch(/^Output does not match the schema: .+ \(and 2 more errors\)\.$/);
  });

  it("reports a missing required property at the root path", async () => {
    const result = await score("json_schema", { schema }, "{}");
    expect(result.scorerOutput.errors).toEqual([
      { path: "", message: "must have required property 'answer'", keyword: "required" },
    ]);
  });

  it("checks formats (ajv-formats)", async () => {
    const result = await score("json_schema", { schema }, { answer: "x", email: "not-an-email" });
    expect(result.scorerOutput.errors).toEqual([
      { path: "/email", message: 'must match format "email"', keyword: "format" },
    ]);
  });

  it("fails output that is not JSON", async () => {
    const result = await score("json_schema", { schema }, "Paris, I think");
    expect(result).toMatchObject({ score: 0, passed: false });
    expect(result.error).toBeUndefined();
    expect(result.scorerOutput).toEqual({
      valid: false,
      errors: [{ path: "", message: "output is not valid JSON", keyword: "parse" }],
    });
  });

  it("uses draft 2020-12 (prefixItems)", async () => {
    const tuple = {
      type: "array",
      prefixItems: [{ type: "string" }, { type: "number" }],
      items: false,
    };
    expect((await score("json_schema", { schema: tuple }, '["a", 1]')).score).toBe(1);
    expect((await score("json_schema", { schema: tuple }, '["a", 1, 2]')).score).toBe(0);
  });

  it("runs schema patterns on RE2: a catastrophic pattern stays fast", async () => {
    const evil = { type: "string", pattern: "^(a+)+$" };
    const startedAt = performance.now();
    const result = await score(
      "json_schema",
      { schema: evil },
      JSON.stringify("a".repeat(50_000) + "b"),
    );
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(result.scorerOutput.errors).toEqual([
      { path: "", message: 'must match pattern "^(a+)+$"', keyword: "pattern" },
    ]);
  });

  it("reports a schema that does not compile as invalid_schema", async () => {
    const result = await score("json_schema", { schema: { type: "nonsense" } }, "{}");
    expect(result).toMatchObject({
      error: "invalid_schema",
      passed: false,
      scorerOutput: { error: "invalid_schema" },
    });
  });

  it("lets two schemas with the same $id live side by side", async () => {
    const a = { $id: "https://example.com/s", type: "string" };
    const b = { $id: "https://example.com/s", type: "number" };
    expect((await score("json_schema", { schema: a }, '"x"')).score).toBe(1);
    expect((await score("json_schema", { schema: b }, "3")).score).toBe(1);
    expect((await score("json_schema", { schema: b }, '"x"')).score).toBe(0);
  });

  it("requires a schema", async () => {
    expect((await score("json_schema", {}, "{}")).error).toBe("invalid_scorer_config");
  });
});
