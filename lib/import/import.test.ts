import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as scenariosRoute from "@/app/api/v1/scenarios/route";
import * as scenarioRoute from "@/app/api/v1/scenarios/[id]/route";
import * as suitesRoute from "@/app/api/v1/suites/route";
import * as suiteRoute from "@/app/api/v1/suites/[id]/route";
import * as targetsRoute from "@/app/api/v1/targets/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { content, counts, exportSuite, upload } from "./testing";

let p: TestProject;
const judge = {
  judge_base_url: "http://127.0.0.1:9/v1",
  judge_model: "judge-1",
  judge_key_secret: "JUDGE_KEY",
};
const provider = { base_url: judge.judge_base_url, model: "judge-1", api_key_secret: "JUDGE_KEY" };

beforeAll(async () => {
  p = await createTestProject("import");
});

/** The suite's scenarios in suite order, as GET /api/v1/scenarios/{id} returns them. */
async function suiteScenarios(project: TestProject, suiteId: string) {
  const suite = await call(suiteRoute.GET, "GET", {
    key: project.keys.read,
    params: { id: suiteId },
  });
  expect(suite.status).toBe(200);
  return Promise.all(
    suite.body.scenario_ids.map(
      async (id: string) =>
        (await call(scenarioRoute.GET, "GET", { key: project.keys.read, params: { id } })).body,
    ),
  );
}

describe("CSV import", () => {
  it("maps every documented column onto the scenario, scorers in header order", async () => {
    const csv = [
      "Name,Description,Tags,Input,Expected Output,Turns,contains,contains_any,not_contains,regex,json_schema,exact_match,similarity,latency_ms,javascript,llm_judge,# reviewer notes",
      'Refund,Asks for a refund,billing|refunds,"{""question"":""refund?"",""order"":42}",Yes,,refund | policy,sorry|apolog,lawsuit,^Yes\\b|^Sure,,,0.8,2000,"export default function (o) { return o.length < 100 }",Polite|Offers a refund,"anything, ignored"',
      'Greeting,,,hello there,"{""greeting"":true}",hi|and then?,,,,,"{""type"":""object""}",,,,,,',
      "Exact,,,2 + 2?,,,,,,,,4,,,,,",
    ].join("\r\n");
    const before = await counts(p.id);
    const res = await upload(p.keys.run, csv, { contentType: "text/csv", query: judge });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ format: "csv", created: 3, total: 3, errors: [] });
    expect((await counts(p.id)).scenarios).toBe(before.scenarios + 3);

    const [refund, greeting, exact] = await Promise.all(
      res.body.scenario_ids.map(
        async (id: string) =>
          (await call(scenarioRoute.GET, "GET", { key: p.keys.read, params: { id } })).body,
      ),
    );
    expect(refund).toMatchObject({
      name: "Refund",
      description: "Asks for a refund",
      tags: ["billing", "refunds"],
      input: { question: "refund?", order: 42 },
      expected_output: "Yes",
      turns: null,
    });
    const defaults = { threshold: 1, applies_to: "final" };
    expect(refund.scorers).toEqual([
      { type: "contains", config: { values: ["refund", "policy"] }, ...defaults },
      { type: "contains", config: { values: ["sorry", "apolog"], mode: "any" }, ...defaults },
      { type: "contains", config: { values: ["lawsuit"], mode: "none" }, ...defaults },
      { type: "regex", config: { pattern: "^Yes\\b|^Sure" }, ...defaults },
      // The empty exact_match cell: the row has an expected_output to compare with.
      { type: "exact_match", config: {}, ...defaults },
      { type: "similarity", config: {}, threshold: 0.8, applies_to: "final" },
      { type: "latency", config: { max_ms: 2000 }, ...defaults },
      {
        type: "javascript",
        config: { source: "export default function (o) { return o.length < 100 }" },
        ...defaults,
      },
      {
        type: "llm_judge",
        config: { criteria: ["Polite", "Offers a refund"], provider },
        ...defaults,
      },
    ]);
    // An empty exact_match cell compares with the row's expected_output.
    expect(greeting).toMatchObject({
      input: "hello there",
      expected_output: { greeting: true },
      turns: ["hi", "and then?"],
      scorers: [
        { type: "json_schema", config: { schema: { type: "object" } } },
        { type: "exact_match", config: {} },
      ],
    });
    expect(exact).toMatchObject({
      expected_output: null,
      scorers: [{ type: "exact_match", config: { expected: "4" } }],
    });
  });

  it("builds input from input.<field> columns, semicolon-separated and with a BOM", async () => {
    const csv =
      "\uFEFFname;input.question;input.user.id;contains\nq1;Where is my order?;u-1;order\nq2;Hi;;hi\n";
    const res = await upload(p.keys.run, csv, { contentType: "text/csv; charset=utf-8" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [q1, q2] = await Promise.all(
      res.body.scenario_ids.map(
        async (id: string) =>
          (await call(scenarioRoute.GET, "GET", { key: p.keys.read, params: { id } })).body,
      ),
    );
    expect(q1.input).toEqual({ question: "Where is my order?", user: { id: "u-1" } });
    expect(q2.input).toEqual({ question: "Hi" }); // empty cells leave the field out
  });

  it("reports rows without a scorer, bad scorer cells and a missing judge, naming row, line and column", async () => {
    const csv = [
      "name,input,regex,latency_ms,llm_judge",
      "ok,fine,^ok,,",
      "no scorer,x,,,",
      'bad regex,"multi',
      'line",(?<=lookbehind),,',
      "bad latency,x,,soon,",
      "judge,x,,,Polite",
    ].join("\n");
    const before = await counts(p.id);
    const res = await upload(p.keys.run, csv, { contentType: "text/csv" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.detail).toMatch(/4 of 5 rows have errors; nothing was imported/);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 2, line: 3, field: "scorers", code: "required" }),
      expect.objectContaining({ row: 3, line: 4, field: "regex", code: "invalid_config" }),
      expect.objectContaining({ row: 4, line: 6, field: "latency_ms" }),
      expect.objectContaining({
        row: 5,
        line: 7,
        field: "llm_judge",
        message: expect.stringMatching(/judge_base_url/),
      }),
    ]);
    expect(await counts(p.id)).toEqual(before);
  });

  it("refuses unknown and duplicate columns and a header without name or scorers", async () => {
    const before = await counts(p.id);
    const cases: [string, RegExp, string][] = [
      ["name,input,contians\nx,y,z", /Unknown column "contians"/, "contians"],
      ["name,input,contains,Contains\nx,y,z,z", /both "contains"/, "Contains"],
      ["input,contains\ny,z", /needs a "name" column/, "name"],
      ["name,input,notes\nx,y,z", /Unknown column "notes"/, "notes"],
      ["name,input,input.a,contains\nx,y,z,z", /either an input/, "input"],
      ["name,input\nx,y", /at least one scorer column/, "scorers"],
    ];
    for (const [csv, message, field] of cases) {
      const res = await upload(p.keys.run, csv, { contentType: "text/csv" });
      expect(res.status, csv).toBe(422);
      expect(res.body.detail).toMatch(message);
      expect(res.body.errors[0]).toMatchObject({ row: 0, line: 1, field });
    }
    expect(await counts(p.id)).toEqual(before);
  });
});

describe("docs/import.md", () => {
  it("its CSV example imports as described", async () => {
    const doc = readFileSync(join(process.cwd(), "docs", "import.md"), "utf8");
    const example = /```csv\n([\s\S]*?)```/.exec(doc)![1];
    const res = await upload(p.keys.run, example, { contentType: "text/csv" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [refund, order, capital] = await Promise.all(
      res.body.scenario_ids.map(
        async (id: string) =>
          (await call(scenarioRoute.GET, "GET", { key: p.keys.read, params: { id } })).body,
      ),
    );
    expect(refund.scorers).toMatchObject([
      { type: "contains", config: { values: ["30 days", "refund"] } },
    ]);
    expect(order).toMatchObject({
      input: { order: 42, question: "where is it?" },
      scorers: [{ type: "regex", config: { pattern: '"status":\\s*"shipped"' } }],
    });
    expect(capital.scorers).toMatchObject([{ type: "exact_match", config: {} }]);
  });
});

describe("JSONL import", () => {
  it("takes the API's scenario shape per line, ignoring read-only fields and blank lines", async () => {
    const lines = [
      JSON.stringify({
        id: "scn_ignored",
        name: "Order status",
        input: { order: 42 },
        tags: ["orders"],
        expected_output: "shipped",
        scorers: [{ type: "exact_match", config: {} }],
        created_at: "2020-01-01T00:00:00Z",
      }),
      "",
      JSON.stringify({
        name: "Tool",
        input: "weather?",
        scorers: [{ type: "tool_call", config: { name: "get_weather" } }],
      }),
    ];
    const res = await upload(p.keys.run, lines.join("\n") + "\n", {
      contentType: "application/x-ndjson",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ format: "jsonl", created: 2 });
    const first = await call(scenarioRoute.GET, "GET", {
      key: p.keys.read,
      params: { id: res.body.scenario_ids[0] },
    });
    expect(first.body).toMatchObject({
      name: "Order status",
      input: { order: 42 },
      tags: ["orders"],
    });
    expect(first.body.id).not.toBe("scn_ignored");
  });

  it("names the line of bad JSON and of API validation errors; ?partial=true writes the rest", async () => {
    const lines = [
      JSON.stringify({
        name: "good",
        input: "a",
        scorers: [{ type: "contains", config: { values: ["a"] } }],
      }),
      "{not json",
      JSON.stringify({ name: "bad scorer", input: "a", scorers: [{ type: "nope", config: {} }] }),
      JSON.stringify({
        name: "unknown field",
        input: "a",
        colour: "red",
        scorers: [{ type: "latency", config: { max_ms: 5 } }],
      }),
      "",
      JSON.stringify({
        name: "good 2",
        input: "b",
        scorers: [{ type: "regex", config: { pattern: "b" } }],
      }),
    ].join("\n");
    const before = await counts(p.id);
    const strict = await upload(p.keys.run, lines, { contentType: "application/jsonl" });
    expect(strict.status).toBe(422);
    expect(strict.body.errors).toEqual([
      expect.objectContaining({ row: 2, line: 2, field: "(line)", code: "invalid_json" }),
      expect.objectContaining({ row: 3, line: 3, field: "scorers.0.type" }),
      expect.objectContaining({ row: 4, line: 4, field: "colour", code: "unknown_field" }),
    ]);
    expect(await counts(p.id)).toEqual(before);

    const partial = await upload(p.keys.run, lines, {
      contentType: "application/jsonl",
      query: { partial: "true" },
    });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ created: 2, total: 5, error_count: 3 });
    expect(partial.body.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]);
    expect((await counts(p.id)).scenarios).toBe(before.scenarios + 2);
  });
});

describe("format detection", () => {
  const csv = "name,input,contains\nd1,x,x\n";
  const line = (name: string) =>
    JSON.stringify({
      name,
      input: "x",
      scorers: [{ type: "contains", config: { values: ["x"] } }],
    });
  const jsonl = `${line("d2")}\n${line("d2b")}\n`;
  const yaml =
    "tests:\n  - description: d3\n    vars: {input: x}\n    assert: [{type: contains, value: x}]\n";

  it("follows ?format, then Content-Type, then the content", async () => {
    const sniffed = await Promise.all([
      upload(p.keys.run, csv, { contentType: "text/plain" }),
      upload(p.keys.run, jsonl, { contentType: "application/octet-stream" }),
      upload(p.keys.run, yaml, {}),
      upload(p.keys.run, `[${line("d4")}]`, { contentType: "application/json" }),
      upload(p.keys.run, yaml, { contentType: "text/plain", query: { format: "promptfoo" } }),
      upload(p.keys.run, yaml, { contentType: "application/yaml" }),
    ]);
    expect(sniffed.map((r) => [r.status, r.body.format])).toEqual([
      [201, "csv"],
      [201, "jsonl"],
      [201, "promptfoo"],
      [201, "json"],
      [201, "promptfoo"],
      [201, "promptfoo"],
    ]);
  });

  it("accepts a multipart/form-data upload and refuses other media types with 415", async () => {
    const form = new FormData();
    form.set("file", new Blob([csv], { type: "text/csv" }), "cases.csv");
    const encoded = new Response(form);
    const res = await upload(p.keys.run, new Uint8Array(await encoded.arrayBuffer()), {
      contentType: encoded.headers.get("content-type")!,
      query: { dry_run: "true" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: "csv", would_create: 1 });

    const png = await upload(p.keys.run, csv, { contentType: "image/png" });
    expect(png.status).toBe(415);
    expect(png.body.code).toBe("unsupported_media_type");
  });

  it("needs the run scope", async () => {
    const res = await upload(p.keys.read, csv, { contentType: "text/csv" });
    expect(res.status).toBe(403);
  });
});

describe("dry run, suites and idempotency", () => {
  it("previews rows, mapping and errors without writing anything", async () => {
    const csv = ["name,input,contains", "a,x,x", "b,y,", "a,z,z"].join("\n");
    const before = await counts(p.id);
    const res = await upload(p.keys.run, csv, {
      contentType: "text/csv",
      query: { dry_run: "true" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dry_run: true,
      created: 0,
      would_create: 0,
      total: 3,
      error_count: 2,
      scenario_ids: [],
      mapping: [
        { source: "name", target: "name (required)" },
        { source: "input", target: expect.stringMatching(/^input/) },
        { source: "contains", target: expect.stringMatching(/^scorer contains/) },
      ],
    });
    expect(res.body.preview).toEqual([
      expect.objectContaining({
        row: 1,
        line: 2,
        name: "a",
        input: "x",
        scorers: ["contains"],
        errors: [],
      }),
      expect.objectContaining({ row: 2, errors: [expect.objectContaining({ field: "scorers" })] }),
      expect.objectContaining({ row: 3, errors: [expect.objectContaining({ code: "duplicate" })] }),
    ]);
    const partial = await upload(p.keys.run, csv, {
      contentType: "text/csv",
      query: { dry_run: "true", partial: "true" },
    });
    expect(partial.body.would_create).toBe(1);
    expect(await counts(p.id)).toEqual(before);
  });

  it("appends to a suite (by id or slug) and refuses names the suite already has", async () => {
    const project = await createTestProject("import-suite");
    const target = await call(targetsRoute.POST, "POST", {
      key: project.keys.run,
      body: { name: "t", type: "http", config: { url: "http://127.0.0.1:9/" } },
    });
    const first = await upload(project.keys.run, "name,input,contains\nexisting,x,x\n", {
      contentType: "text/csv",
    });
    const suite = await call(suitesRoute.POST, "POST", {
      key: project.keys.run,
      body: {
        name: "Support",
        scenario_ids: first.body.scenario_ids,
        target_ids: [target.body.id],
      },
    });
    const res = await upload(project.keys.run, "name,input,contains\nnew 1,a,a\nnew 2,b,b\n", {
      contentType: "text/csv",
      query: { suite_id: suite.body.slug },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.suite_id).toBe(suite.body.id);
    const names = (await suiteScenarios(project, suite.body.id)).map((s) => s.name);
    expect(names).toEqual(["existing", "new 1", "new 2"]);

    const before = await counts(project.id);
    const clash = await upload(project.keys.run, "name,input,contains\nnew 3,c,c\nexisting,x,x\n", {
      contentType: "text/csv",
      query: { suite_id: suite.body.id },
    });
    expect(clash.status).toBe(422);
    expect(clash.body.errors).toEqual([
      expect.objectContaining({
        row: 2,
        field: "name",
        code: "conflict",
        message: expect.stringMatching(/Support/),
      }),
    ]);
    expect(await counts(project.id)).toEqual(before);

    const missing = await upload(project.keys.run, "name,input,contains\nx,y,z\n", {
      contentType: "text/csv",
      query: { suite_id: "suite_01jh0000000000000000000000" },
    });
    expect(missing.status).toBe(404);
  });

  it("two concurrent imports of one file into one suite: one wins, the other reports the names", async () => {
    const project = await createTestProject("import-race");
    const target = await call(targetsRoute.POST, "POST", {
      key: project.keys.run,
      body: { name: "t", type: "http", config: { url: "http://127.0.0.1:9/" } },
    });
    const seed = await upload(project.keys.run, "name,input,contains\nseed,x,x\n", {
      contentType: "text/csv",
    });
    const suite = await call(suitesRoute.POST, "POST", {
      key: project.keys.run,
      body: { name: "Race", scenario_ids: seed.body.scenario_ids, target_ids: [target.body.id] },
    });
    const file = [
      "name,input,contains",
      ...Array.from({ length: 200 }, (_, i) => `c${i},x,x`),
    ].join("\n");
    const results = await Promise.all(
      [1, 2].map(() =>
        upload(project.keys.run, file, {
          contentType: "text/csv",
          query: { suite_id: suite.body.id },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    const loser = results.find((r) => r.status === 422)!;
    expect(loser.body.errors[0]).toMatchObject({ code: "conflict", field: "name" });
    expect((await suiteScenarios(project, suite.body.id)).length).toBe(201);
    expect((await counts(project.id)).scenarios).toBe(201);
  });

  it("creates a suite with ?suite_name and attaches ?target_id", async () => {
    const project = await createTestProject("import-new-suite");
    const target = await call(targetsRoute.POST, "POST", {
      key: project.keys.run,
      body: { name: "t", type: "http", config: { url: "http://127.0.0.1:9/" } },
    });
    const res = await upload(project.keys.run, "name,input,contains\na,x,x\nb,y,y\n", {
      contentType: "text/csv",
      query: { suite_name: "Imported cases", target_id: target.body.id },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      suite_created: true,
      suite_id: expect.stringMatching(/^suite_/),
    });
    const suite = await call(suiteRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: res.body.suite_id },
    });
    expect(suite.body).toMatchObject({
      name: "Imported cases",
      slug: "imported-cases",
      scenario_ids: res.body.scenario_ids,
      target_ids: [target.body.id],
    });
    const both = await upload(project.keys.run, "name,input,contains\na,x,x\n", {
      contentType: "text/csv",
      query: { suite_name: "X", suite_id: res.body.suite_id },
    });
    expect(both.status).toBe(422);
    expect(both.body.errors[0].field).toBe("suite_name");
  });

  it("replays the first response for a repeated Idempotency-Key and refuses it for another file", async () => {
    const project = await createTestProject("import-idem");
    const csv = "name,input,contains\na,x,x\nb,y,y\n";
    const headers = { "idempotency-key": "import-1" };
    const first = await upload(project.keys.run, csv, { contentType: "text/csv", headers });
    expect(first.status).toBe(201);
    const again = await upload(project.keys.run, csv, { contentType: "text/csv", headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect((await counts(project.id)).scenarios).toBe(2);
    const other = await upload(project.keys.run, `${csv}c,z,z\n`, {
      contentType: "text/csv",
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_key_reused");
    expect((await counts(project.id)).scenarios).toBe(2);
  });
});

describe("export → import round-trips", () => {
  const simulation = {
    persona: "An impatient customer",
    mission: "Get a refund",
    max_turns: 3,
    simulator: { base_url: "http://127.0.0.1:9/v1", model: "sim", api_key_secret: "SIM" },
    judge_criteria: ["refund offered"],
  };
  // Every field and scorer the API takes, including values CSV text cannot hold as text.
  const cases = [
    {
      name: "Plain text, every CSV scorer column",
      description: 'quotes " commas, and\nline breaks',
      tags: ["billing", "a|b"],
      input: 'Héllo, "world"\r\nsecond line ✓',
      expected_output: "Yes",
      scorers: [
        { type: "contains", config: { values: ["refund", "pipe|value", "back\\slash"] } },
        { type: "contains", config: { values: ["sorry"], mode: "any" } },
        { type: "contains", config: { values: ["lawsuit"], mode: "none" } },
        { type: "regex", config: { pattern: "^(Yes|Sure)\\b" } },
        { type: "json_schema", config: { schema: { type: "object", required: ["a"] } } },
        { type: "exact_match", config: {} },
        { type: "similarity", threshold: 0.75, config: {} },
        { type: "latency", config: { max_ms: 1500.5 } },
        { type: "javascript", config: { source: "export default (o) => o.length > 0" } },
      ],
    },
    {
      name: "Object input, explicit exact_match",
      input: { question: "status?", order: [1, 2], nested: { ok: true } },
      expected_output: { status: "shipped" },
      turns: ["hi", "what about | this?"],
      scorers: [{ type: "exact_match", config: { expected: { status: "shipped" } } }],
    },
    {
      name: "Values only JSON columns can hold",
      input: 42,
      expected_output: "",
      turns: [" padded turn "],
      scorers: [
        { type: "exact_match", config: { expected: "[not json" } },
        { type: "contains", config: { values: ["x"], case_sensitive: true } },
      ],
    },
    {
      name: "Scorers only scorers_json can hold",
      input: '{"looks": "like json"}',
      simulation,
      scorers: [
        { type: "llm_judge", config: { criteria: ["polite"], provider } },
        { type: "json_path", config: { path: "$.a", equals: 1 } },
        { type: "tool_call", config: { name: "lookup", arguments: { id: 1 } } },
        {
          type: "regex",
          name: "named",
          threshold: 0.5,
          applies_to: "each_turn",
          config: { pattern: "x" },
        },
        { type: "contains", config: { values: ["out of order"] } },
      ],
    },
    {
      name: "Null input, scorers out of column order",
      input: null,
      scorers: [
        { type: "regex", config: { pattern: "b" } },
        { type: "contains", config: { values: ["a"] } },
      ],
    },
    {
      name: "Expected output without exact_match",
      input: "  spaces at both ends  ",
      expected_output: "kept",
      scorers: [{ type: "similarity", config: {} }],
    },
  ];
  let source: { suiteId: string; scenarios: Record<string, unknown>[] };

  beforeAll(async () => {
    const target = await call(targetsRoute.POST, "POST", {
      key: p.keys.run,
      body: { name: "rt", type: "http", config: { url: "http://127.0.0.1:9/" } },
    });
    const ids: string[] = [];
    for (const body of cases) {
      const res = await call(scenariosRoute.POST, "POST", { key: p.keys.run, body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    const suite = await call(suitesRoute.POST, "POST", {
      key: p.keys.run,
      body: { name: "Round trip", scenario_ids: ids, target_ids: [target.body.id] },
    });
    source = { suiteId: suite.body.id, scenarios: await suiteScenarios(p, suite.body.id) };
  });

  for (const format of ["csv", "jsonl"] as const) {
    it(`${format}: exporting a suite and importing the file gives the same scenarios`, async () => {
      const exported = await exportSuite(p.keys.read, source.suiteId, format);
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-disposition")).toMatch(
        new RegExp(`round-trip-scenarios\\.${format}`),
      );
      const res = await upload(p.keys.run, exported.bytes, {
        contentType: exported.headers.get("content-type")!,
        query: { suite_name: `Round trip ${format}` },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.created).toBe(cases.length);
      const copies = await suiteScenarios(p, res.body.suite_id);
      expect(copies.map(content)).toEqual(source.scenarios.map(content));
      // And once more: the copy exports to the same file.
      const again = await exportSuite(p.keys.read, res.body.suite_id, format);
      expect(again.text).toBe(exported.text);
    });
  }

  it("csv: uses scorer columns where they are exact and scorers_json elsewhere", async () => {
    const exported = await exportSuite(p.keys.read, source.suiteId, "csv");
    expect(exported.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(exported.text.startsWith("\uFEFFname,description,tags,input,expected_output,")).toBe(
      true,
    );
    const header = exported.text.slice(1).split("\r\n", 1)[0].split(",");
    expect(header).toEqual([
      "name",
      "description",
      "tags",
      "input",
      "expected_output",
      "input_json",
      "expected_output_json",
      "turns",
      "turns_json",
      "simulation_json",
      "scorers_json",
      "contains",
      "contains_any",
      "not_contains",
      "regex",
      "json_schema",
      "exact_match",
      "similarity",
      "latency_ms",
      "javascript",
    ]);
    expect(exported.text).toContain(",refund|pipe\\|value|back\\\\slash,");
  });

  it("answers 404 for a suite that does not exist", async () => {
    const res = await exportSuite(p.keys.read, "suite_01jh0000000000000000000000", "csv");
    expect(res.status).toBe(404);
  });
});
