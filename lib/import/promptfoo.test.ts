import { beforeAll, describe, expect, it } from "vitest";
import * as scenarioRoute from "@/app/api/v1/scenarios/[id]/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { score } from "@/lib/scorers/test-helpers";
import { counts, upload } from "./testing";

let p: TestProject;
beforeAll(async () => {
  p = await createTestProject("import-pf");
});

const judge = {
  judge_base_url: "http://127.0.0.1:9/v1",
  judge_model: "judge-1",
  judge_key_secret: "JUDGE_KEY",
};

// A promptfoo config as teams write them: every assertion type the issue lists, defaultTest,
// thresholds, metrics, {{var}} templates in values, and two tests Assay cannot run.
const CONFIG = `
description: Support bot regression
prompts:
  - "You are a support bot. Answer: {{question}}"
providers:
  - id: openai:gpt-4o-mini
    config: { temperature: 0 }
defaultTest:
  assert:
    - type: latency
      threshold: 5000
tests:
  - description: Refund policy
    vars:
      question: Can I get a refund?
    assert:
      - type: icontains
        value: refund
      - type: contains-any
        value: [days, weeks]
      - type: not-contains
        value: lawsuit
      - type: llm-rubric
        value: Is polite and mentions the 30-day window
        threshold: 0.5
  - description: Order lookup returns JSON
    vars:
      question: Where is order 42?
      order_id: 42
    assert:
      - type: is-json
        value:
          type: object
          required: [status]
      - type: contains-all
        value: [status, "{{order_id}}"]
      - type: regex
        value: '"status":\\s*"(shipped|pending)"'
      - type: javascript
        value: JSON.parse(output).status !== 'lost'
        metric: not-lost
  - description: Greeting
    vars:
      question: hi
    assert:
      - type: equals
        value: Hello! How can I help?
      - type: contains
        value: Hello
      - type: javascript
        value: |
          const words = output.split(' ').length;
          return { pass: words < 20 && context.vars.question === 'hi', score: 0.9, reason: words + ' words' };
  - vars:
      question: Is this JSON?
    assert:
      - type: is-json
  - description: Semantic similarity
    vars: { question: x }
    assert:
      - type: similar
        value: hello
      - type: contains
        value: x
  - description: Python check
    vars: { question: y }
    assert:
      - type: python
        value: output == 'y'
`;

const GOOD_ROWS = 4;

describe("promptfoo import", () => {
  it("maps every listed assertion type onto Assay scorers", async () => {
    const res = await upload(p.keys.run, CONFIG, {
      contentType: "application/yaml",
      query: { ...judge, partial: "true" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ format: "promptfoo", created: GOOD_ROWS, total: 6 });
    const [refund, order, greeting, json] = await Promise.all(
      res.body.scenario_ids.map(
        async (id: string) =>
          (await call(scenarioRoute.GET, "GET", { key: p.keys.read, params: { id } })).body,
      ),
    );
    const d = { threshold: 1, applies_to: "final" };
    const latency = { type: "latency", config: { max_ms: 5000 }, ...d };
    expect(refund).toMatchObject({ name: "Refund policy", input: "Can I get a refund?" });
    expect(refund.scorers).toEqual([
      latency,
      { type: "contains", config: { values: ["refund"], case_sensitive: false }, ...d },
      {
        type: "contains",
        config: { values: ["days", "weeks"], mode: "any", case_sensitive: true },
        ...d,
      },
      {
        type: "contains",
        config: { values: ["lawsuit"], mode: "none", case_sensitive: true },
        ...d,
      },
      {
        type: "llm_judge",
        threshold: 0.5,
        applies_to: "final",
        config: {
          criteria: ["Is polite and mentions the 30-day window"],
          provider: {
            base_url: judge.judge_base_url,
            model: "judge-1",
            api_key_secret: "JUDGE_KEY",
          },
        },
      },
    ]);
    // Two vars: the input is the vars object; {{order_id}} is rendered from the test's vars.
    expect(order.input).toEqual({ question: "Where is order 42?", order_id: 42 });
    expect(order.scorers.slice(1, 4)).toEqual([
      { type: "json_schema", config: { schema: { type: "object", required: ["status"] } }, ...d },
      { type: "contains", config: { values: ["status", "42"], case_sensitive: true }, ...d },
      { type: "regex", config: { pattern: '"status":\\s*"(shipped|pending)"' }, ...d },
    ]);
    expect(order.scorers[4]).toMatchObject({ type: "javascript", name: "not-lost" });
    expect(greeting.scorers.slice(1, 3)).toEqual([
      { type: "exact_match", config: { expected: "Hello! How can I help?" }, ...d },
      { type: "contains", config: { values: ["Hello"], case_sensitive: true }, ...d },
    ]);
    expect(json).toMatchObject({
      name: "test 4",
      input: "Is this JSON?",
      scorers: [latency, { type: "json_schema", config: { schema: {} } }],
    });

    // The wrapped javascript runs in Assay's sandbox with promptfoo's semantics.
    const expression = order.scorers[4];
    expect(await score("javascript", expression.config, '{"status":"shipped"}')).toMatchObject({
      passed: true,
    });
    expect(await score("javascript", expression.config, '{"status":"lost"}')).toMatchObject({
      passed: false,
    });
    const body = greeting.scorers[3];
    expect(await score("javascript", body.config, "Hello! How can I help?")).toMatchObject({
      passed: true,
      reason: "5 words",
    });
    expect(await score("javascript", body.config, "word ".repeat(30))).toMatchObject({
      passed: false,
    });
  });

  it("reports unsupported assertions per test, never dropping them, and writes nothing by default", async () => {
    const before = await counts(p.id);
    const res = await upload(p.keys.run, CONFIG, { contentType: "text/yaml" });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      // No judge provider in the query: the llm-rubric test cannot be imported either.
      expect.objectContaining({
        row: 1,
        line: 13,
        field: "assert[3].type",
        message: expect.stringMatching(/judge provider/),
      }),
      expect.objectContaining({
        row: 5,
        line: 58,
        field: "assert[0].type",
        code: "unsupported",
        message: expect.stringMatching(/unsupported promptfoo assertion type "similar"/),
      }),
      expect.objectContaining({
        row: 6,
        field: "assert[0].type",
        code: "unsupported",
        message: expect.stringMatching(/"python"/),
      }),
    ]);
    expect(await counts(p.id)).toEqual(before);
  });

  it("merges defaultTest vars, takes a single input var as the input, and refuses what changes a verdict", async () => {
    const config = `
defaultTest:
  vars: { locale: en }
  assert:
    - { type: contains, value: "{{locale}}" }
tests:
  - vars: { input: "Bonjour" }
    assert: [{ type: starts-with, value: "Hi (there)" }, { type: not-regex, value: "\\\\d" }]
  - vars: { query: "only one" }
    threshold: 0.5
    assert: [{ type: contains, value: x, transform: output.trim() }]
  - vars: { question: [a, b] }
    assert: [{ type: contains, value: x }]
`;
    const res = await upload(p.keys.run, config, {
      contentType: "application/yaml",
      query: { dry_run: "true" },
    });
    expect(res.status).toBe(200);
    expect(res.body.preview[0]).toMatchObject({
      name: "test 1",
      input: JSON.stringify({ locale: "en", input: "Bonjour" }),
      scorers: ["contains", "regex", "regex"],
      errors: [],
    });
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 2, field: "threshold", code: "unsupported" }),
      expect.objectContaining({
        row: 2,
        field: "assert[0].type",
        message: expect.stringMatching(/transform/),
      }),
      expect.objectContaining({ row: 3, field: "vars.question", code: "unsupported" }),
    ]);

    const single = await upload(
      p.keys.run,
      "tests:\n  - vars: { query: what }\n    assert: [{ type: starts-with, value: 'Hi (there)' }]\n",
      { contentType: "application/yaml" },
    );
    const created = await call(scenarioRoute.GET, "GET", {
      key: p.keys.read,
      params: { id: single.body.scenario_ids[0] },
    });
    expect(created.body).toMatchObject({
      input: "what",
      scorers: [{ type: "regex", config: { pattern: "^Hi \\(there\\)" } }],
    });
  });

  it("names the line of a YAML syntax error and refuses configs it cannot read", async () => {
    const before = await counts(p.id);
    const broken = await upload(p.keys.run, "tests:\n  - vars: {a: 1\n  - assert: []\n", {
      contentType: "application/yaml",
    });
    expect(broken.status).toBe(422);
    expect(broken.body.errors[0]).toMatchObject({
      row: 0,
      code: "invalid_yaml",
      line: expect.any(Number),
    });
    const fromFile = await upload(p.keys.run, "tests: file://tests.csv\n", {
      contentType: "application/yaml",
    });
    expect(fromFile.status).toBe(422);
    expect(fromFile.body.detail).toMatch(/file:\/\/tests\.csv/);
    const noTests = await upload(p.keys.run, "prompts: [hi]\n", {
      contentType: "application/yaml",
    });
    expect(noTests.status).toBe(422);
    expect(noTests.body.errors[0].field).toBe("tests");
    expect(await counts(p.id)).toEqual(before);
  });
});
