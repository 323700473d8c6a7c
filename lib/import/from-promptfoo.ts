import { isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { ScorerDraft } from "./csv-columns";
import { fileError, rowError } from "./errors";
import { tooManyRows } from "./from-csv";
import { isRecord } from "./looks";
import { ASSERTION_MAPPERS, mapAssertion } from "./promptfoo-asserts";
import {
  MAX_IMPORT_ROWS,
  type Draft,
  type MappingEntry,
  type ReadOptions,
  type ReadResult,
  type RowError,
} from "./types";

/** A single var with one of these names is the input itself; otherwise input is the vars object. */
const INPUT_VARS = new Set(["input", "query", "question", "prompt"]);

/** Test keys that do not change what passes (the provider, prompts and options belong to the target). */
const IGNORED_TEST_KEYS = new Set(["description", "vars", "assert", "options", "metadata"]);

/** `{{ name }}` and `{{ a.b }}` in assertion values, as promptfoo renders them with the test's vars. */
function render(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === "string") {
    return value.replace(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g, (whole, path: string) => {
      let node: unknown = vars;
      for (const key of path.split(".")) node = isRecord(node) ? node[key] : undefined;
      if (node === undefined) return whole;
      return typeof node === "string" ? node : JSON.stringify(node);
    });
  }
  if (Array.isArray(value)) return value.map((item) => render(item, vars));
  return value;
}

function inputOf(vars: Record<string, unknown>): unknown {
  const keys = Object.keys(vars);
  return keys.length === 1 && INPUT_VARS.has(keys[0]) ? vars[keys[0]] : vars;
}

type Defaults = { vars: Record<string, unknown>; assert: unknown[] };

function readDefaults(config: Record<string, unknown>): Defaults {
  const raw = config.defaultTest;
  if (raw === undefined || raw === null) return { vars: {}, assert: [] };
  if (!isRecord(raw)) {
    throw fileError("defaultTest must be an object (defaultTest from a file is not supported)", {
      field: "defaultTest",
    });
  }
  if (raw.threshold !== undefined) {
    throw fileError(
      "defaultTest.threshold (a weighted pass score) is not supported: in Assay every scorer must pass",
      { field: "defaultTest.threshold", code: "unsupported" },
    );
  }
  if (raw.vars !== undefined && !isRecord(raw.vars)) {
    throw fileError("defaultTest.vars must be an object", { field: "defaultTest.vars" });
  }
  if (raw.assert !== undefined && !Array.isArray(raw.assert)) {
    throw fileError("defaultTest.assert must be a list", { field: "defaultTest.assert" });
  }
  return { vars: (raw.vars as Record<string, unknown>) ?? {}, assert: raw.assert ?? [] };
}

function readTest(
  test: unknown,
  index: number,
  line: number | undefined,
  defaults: Defaults,
  options: ReadOptions,
): Draft {
  const row = index + 1;
  const errors: RowError[] = [];
  const fail = (field: string, message: string, code = "invalid_value") =>
    errors.push(rowError(row, line, field, message, code));
  if (!isRecord(test)) {
    fail("(test)", "must be an object (tests loaded from files are not supported)", "invalid_type");
    return { row, line, scenario: {}, errors };
  }
  for (const key of Object.keys(test)) {
    if (IGNORED_TEST_KEYS.has(key)) continue;
    const why =
      key === "threshold"
        ? "a test threshold (a weighted pass score) is not supported: in Assay every scorer must pass"
        : `"${key}" is not supported on a test`;
    fail(key, why, "unsupported");
  }
  if (test.vars !== undefined && !isRecord(test.vars)) fail("vars", "must be an object");
  const vars = { ...defaults.vars, ...(isRecord(test.vars) ? test.vars : {}) };
  for (const [key, value] of Object.entries(vars)) {
    if (Array.isArray(value)) {
      fail(
        `vars.${key}`,
        "a list expands into several tests in promptfoo; write one test per value",
        "unsupported",
      );
    } else if (typeof value === "string" && value.startsWith("file://")) {
      fail(`vars.${key}`, "values loaded from files (file://) are not supported", "unsupported");
    }
  }
  if (test.assert !== undefined && !Array.isArray(test.assert)) fail("assert", "must be a list");
  const asserts: [string, unknown][] = [
    ...defaults.assert.map((a, i): [string, unknown] => [`defaultTest.assert[${i}]`, a]),
    ...(Array.isArray(test.assert) ? test.assert : []).map((a, i): [string, unknown] => [
      `assert[${i}]`,
      a,
    ]),
  ];
  const scorers: ScorerDraft[] = [];
  const sources: string[] = [];
  for (const [source, raw] of asserts) {
    const rendered =
      isRecord(raw) && raw.type !== "javascript" ? { ...raw, value: render(raw.value, vars) } : raw;
    const mapped = mapAssertion(rendered, { judge: options.judge, vars });
    if ("error" in mapped) {
      const field = isRecord(raw) && typeof raw.type === "string" ? `${source}.type` : source;
      fail(field, mapped.error, mapped.error.startsWith("unsupported") ? "unsupported" : undefined);
    } else {
      scorers.push(mapped.scorer);
      sources.push(source);
    }
  }
  if (asserts.length === 0) {
    fail("assert", "has no assertions; Assay needs at least one scorer per test", "required");
  }
  const description = typeof test.description === "string" ? test.description.trim() : "";
  const scenario = {
    name: description || `test ${row}`,
    input: inputOf(vars),
    scorers,
  };
  return { row, line, scenario, scorerSources: sources, errors };
}

/** A promptfoo config (YAML or JSON): `tests` with `vars` and `assert`, plus `defaultTest`. */
export function readPromptfoo(text: string, options: ReadOptions): ReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw fileError(`The file is not valid YAML: ${first.message.split("\n")[0]}`, {
      line: first.linePos?.[0]?.line,
      code: "invalid_yaml",
    });
  }
  let config: unknown;
  try {
    config = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw fileError(`The file could not be read as YAML: ${(error as Error).message}`, {
      code: "invalid_yaml",
    });
  }
  if (!isRecord(config)) throw fileError("A promptfoo config must be a mapping with tests:");
  if (config.scenarios !== undefined) {
    throw fileError("promptfoo scenarios (data × config matrices) are not supported; use tests", {
      field: "scenarios",
      code: "unsupported",
    });
  }
  if (typeof config.tests === "string") {
    throw fileError(`tests loaded from ${config.tests} are not supported; list the tests inline`, {
      field: "tests",
      code: "unsupported",
    });
  }
  if (!Array.isArray(config.tests) || config.tests.length === 0) {
    throw fileError("The config has no tests: list them under tests:", { field: "tests" });
  }
  if (config.tests.length > MAX_IMPORT_ROWS) throw tooManyRows();
  const defaults = readDefaults(config);
  const testsNode = doc.get("tests", true) as Node | undefined;
  const lineOf = (i: number) => {
    const item = isSeq(testsNode) ? testsNode.items[i] : undefined;
    const offset = (item as Node | undefined)?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const drafts = config.tests.map((test, i) => readTest(test, i, lineOf(i), defaults, options));
  return { drafts, mapping: mappingOf(config.tests, defaults) };
}

function mappingOf(tests: unknown[], defaults: Defaults): MappingEntry[] {
  const types = new Set<string>();
  for (const a of defaults.assert) if (isRecord(a) && typeof a.type === "string") types.add(a.type);
  for (const test of tests) {
    if (!isRecord(test) || !Array.isArray(test.assert)) continue;
    for (const a of test.assert) if (isRecord(a) && typeof a.type === "string") types.add(a.type);
  }
  return [
    { source: "description", target: "name (else “test N”)" },
    {
      source: "vars",
      target: "input (the value when the only var is input, query, question or prompt)",
    },
    ...[...types].map((type) => ({
      source: `assert ${type}`,
      target: ASSERTION_MAPPERS[type]?.target ?? "unsupported: reported per test",
    })),
    ...(defaults.assert.length > 0
      ? [{ source: "defaultTest.assert", target: "added to every test, before its own" }]
      : []),
  ];
}

/** Used by format sniffing: does this YAML look like a promptfoo config? */
export const looksLikePromptfoo = (text: string) =>
  /^(tests|defaultTest|prompts|providers)\s*:/m.test(text);
