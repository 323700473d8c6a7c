import { describe, expect, it } from "vitest";
import { evaluateJsonPath, JsonPathError, parseJsonPath } from "./json-path";

const doc = { output: "hi", data: { items: [{ id: 1 }, { id: 2 }], "odd key": true, "it's": 1 } };

describe("parseJsonPath", () => {
  it("parses fields, quoted fields and indexes", () => {
    expect(parseJsonPath("$")).toEqual([]);
    expect(parseJsonPath("$.data.items[0].id")).toEqual(["data", "items", 0, "id"]);
    expect(parseJsonPath("$['data'][\"odd key\"]")).toEqual(["data", "odd key"]);
    expect(parseJsonPath("$.data['it\\'s']")).toEqual(["data", "it's"]);
    expect(parseJsonPath("$.items[-1]")).toEqual(["items", -1]);
  });

  it("rejects what it does not support", () => {
    expect(() => parseJsonPath("data.items")).toThrow(JsonPathError);
    expect(() => parseJsonPath("$..id")).toThrow("recursive descent");
    expect(() => parseJsonPath("$.items[*]")).toThrow("wildcards");
    expect(() => parseJsonPath("$.")).toThrow(JsonPathError);
    expect(() => parseJsonPath("$[abc]")).toThrow(JsonPathError);
  });
});

describe("evaluateJsonPath", () => {
  it("follows the path", () => {
    expect(evaluateJsonPath(doc, "$.output")).toEqual({ found: true, value: "hi" });
    expect(evaluateJsonPath(doc, "$.data.items[1].id")).toEqual({ found: true, value: 2 });
    expect(evaluateJsonPath(doc, "$.data.items[-1]")).toEqual({ found: true, value: { id: 2 } });
    expect(evaluateJsonPath(doc, "$['data']['odd key']")).toEqual({ found: true, value: true });
    expect(evaluateJsonPath(doc, "$")).toEqual({ found: true, value: doc });
  });

  it("reports missing values as not found, including a present null as found", () => {
    expect(evaluateJsonPath(doc, "$.missing")).toEqual({ found: false, value: undefined });
    expect(evaluateJsonPath(doc, "$.data.items[5]")).toEqual({ found: false, value: undefined });
    expect(evaluateJsonPath(doc, "$.data.items[-3]")).toEqual({ found: false, value: undefined });
    expect(evaluateJsonPath(doc, "$.output.length")).toEqual({ found: false, value: undefined });
    expect(evaluateJsonPath({ a: null }, "$.a")).toEqual({ found: true, value: null });
  });

  it("never reads inherited properties", () => {
    expect(evaluateJsonPath({}, "$.constructor")).toEqual({ found: false, value: undefined });
    expect(evaluateJsonPath([], "$.length")).toEqual({ found: false, value: undefined });
  });
});
