import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { callTarget, parseTargetConfig, validateTargetConfig } from "./index";
import { failure, makeCall, makeTarget } from "./test-server";

describe("validateTargetConfig", () => {
  it("accepts valid configs of every type", () => {
    expect(validateTargetConfig("http", { url: "https://agent.example/run" })).toEqual([]);
    expect(
      validateTargetConfig("http", {
        url: "https://agent.example/{{secrets.TENANT}}/run",
        method: "GET",
        headers: { "X-Api-Key": "{{secrets.KEY}}" },
        body_template: { q: "{{input}}" },
        output_path: "$.data.answer",
      }),
    ).toEqual([]);
    expect(
      validateTargetConfig("prompt", { base_url: "http://localhost:11434/v1", model: "llama" }),
    ).toEqual([]);
    expect(validateTargetConfig("code", { source: "export default (i) => i" })).toEqual([]);
    expect(validateTargetConfig("workflow", { steps: [newId("target")] })).toEqual([]);
  });

  it("names each bad field under config.", () => {
    const fields = (type: string, config: unknown) =>
      validateTargetConfig(type, config).map((issue) => issue.field);
    expect(fields("http", {})).toEqual(["config.url"]);
    expect(fields("http", { url: "ftp://files.example" })).toEqual(["config.url"]);
    expect(fields("http", { url: "https://a.example", method: "BREW" })).toEqual(["config.method"]);
    expect(fields("http", { url: "https://a.example", headers: { "bad header": "x" } })).toEqual([
      "config.headers.bad header",
    ]);
    expect(fields("http", { url: "https://a.example", extra: 1 })).toEqual(["config.extra"]);
    expect(
      fields("prompt", { base_url: "https://a.example", model: "m", api_key_secret: "no-dash" }),
    ).toEqual(["config.api_key_secret"]);
    expect(
      fields("prompt", {
        base_url: "https://a.example",
        model: "m",
        system_prompt: "key {{secrets.K}}",
      }),
    ).toEqual(["config.system_prompt"]);
    expect(fields("http", { url: "https://a.example", output_path: "$..deep" })).toEqual([
      "config.output_path",
    ]);
    expect(fields("code", { source: "function f() {}" })).toEqual(["config.source"]);
    expect(fields("code", { source: "export default () => 1", memory_mb: 4096 })).toEqual([
      "config.memory_mb",
    ]);
    expect(fields("workflow", { steps: [] })).toEqual(["config.steps"]);
    expect(fields("workflow", { steps: ["not-an-id"] })).toEqual(["config.steps.0"]);
    expect(
      fields("workflow", { steps: Array.from({ length: 21 }, () => newId("target")) }),
    ).toEqual(["config.steps"]);
    expect(fields("carrier-pigeon", {})).toEqual(["type"]);
  });

  it("marks unknown fields with the unknown_field code", () => {
    const [issue] = validateTargetConfig("code", { source: "export default () => 1", env: {} });
    expect(issue).toMatchObject({ field: "config.env", code: "unknown_field" });
  });
});

describe("parseTargetConfig / callTarget", () => {
  it("applies the documented defaults", () => {
    expect(parseTargetConfig("http", { url: "https://a.example" })).toEqual({
      url: "https://a.example",
      method: "POST",
      output_path: "$.output",
    });
    expect(
      parseTargetConfig("prompt", { base_url: "https://a.example", model: "m" }),
    ).toMatchObject({
      user_template: "{{input}}",
    });
    expect(parseTargetConfig("code", { source: "export default () => 1" })).toMatchObject({
      memory_mb: 64,
    });
  });

  it("turns an invalid stored config into a non-transient config_error", async () => {
    const err = await failure(callTarget(makeTarget("http", { url: 42 }), makeCall()));
    expect(err.code).toBe("config_error");
    expect(err.transient).toBe(false);
    expect(err.message).toContain("config.url");
  });
});
