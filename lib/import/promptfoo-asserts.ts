import type { ScorerDraft } from "./csv-columns";
import { JUDGE_NEEDED } from "./csv-columns";
import { isRecord } from "./looks";
import type { JudgeProvider } from "./types";

/** One promptfoo assertion (`assert:` item) as written in the config. */
export type Assertion = Record<string, unknown> & { type?: unknown; value?: unknown };

type Mapped = { scorer: ScorerDraft } | { error: string };
type Mapper = (a: Assertion, ctx: { judge: JudgeProvider | null; vars: object }) => Mapped;

const ok = (type: string, config: Record<string, unknown>, threshold?: number): Mapped => ({
  scorer: threshold === undefined ? { type, config } : { type, threshold, config },
});

const text = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : null;

/** contains-any/-all take an array or a comma-separated string, as in promptfoo. */
function valueList(value: unknown): string[] | null {
  if (Array.isArray(value)) {
    const items = value.map(text);
    return items.every((item): item is string => item !== null && item !== "") ? items : null;
  }
  const single = text(value);
  if (single === null) return null;
  const items = single
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : null;
}

function contains(mode: "all" | "any" | "none", caseSensitive: boolean, list: boolean): Mapper {
  return (a) => {
    const values = list ? valueList(a.value) : [text(a.value)].filter((v) => v !== null);
    if (!values || values.length === 0 || values.some((v) => v === "")) {
      return { error: list ? "value must list strings" : "value must be a non-empty string" };
    }
    const config: Record<string, unknown> = { values, case_sensitive: caseSensitive };
    if (mode !== "all") config.mode = mode;
    return ok("contains", config);
  };
}

const REGEX_META = /[\\^$.|?*+()[\]{}]/g;

/** A promptfoo `javascript` expression or function body as an Assay javascript scorer module. */
export function wrapJavascript(code: string, vars: object, threshold: number | undefined): string {
  const body = code.includes("\n") ? code : `return ${code.trim().replace(/;$/, "")};`;
  // promptfoo passes numbers when a threshold decides; without one any score above 0 passes.
  const numeric =
    threshold === undefined ? "{ score: r > 0 ? 1 : 0, reason: `returned ${r}` }" : "r";
  return [
    "// Imported from a promptfoo javascript assertion.",
    `const vars = ${JSON.stringify(vars)};`,
    "function check(output, context) {",
    body,
    "}",
    "export default async function (output, helpers) {",
    "  const r = await check(output, Object.assign({}, helpers, { vars }));",
    "  if (r !== null && typeof r === 'object') {",
    "    const reason = typeof r.reason === 'string' ? r.reason : '';",
    threshold === undefined
      ? "    return { score: r.pass === undefined ? Number(r.score) || 0 : r.pass ? 1 : 0, reason };"
      : "    return { score: typeof r.score === 'number' ? r.score : r.pass ? 1 : 0, reason };",
    "  }",
    `  if (typeof r === 'number') return ${numeric};`,
    "  return { score: r ? 1 : 0, reason: String(r) };",
    "}",
  ].join("\n");
}

const threshold = (a: Assertion) => (typeof a.threshold === "number" ? a.threshold : undefined);

/** Every assertion type Assay can run, and the scorer it becomes. */
export const ASSERTION_MAPPERS: Record<string, { target: string; map: Mapper }> = {
  equals: {
    target: "exact_match",
    map: (a) =>
      a.value === undefined
        ? { error: "value is required" }
        : ok("exact_match", { expected: a.value }),
  },
  contains: { target: "contains (case-sensitive)", map: contains("all", true, false) },
  icontains: { target: "contains (case-insensitive)", map: contains("all", false, false) },
  "contains-all": { target: "contains, mode all", map: contains("all", true, true) },
  "icontains-all": {
    target: "contains, mode all, case-insensitive",
    map: contains("all", false, true),
  },
  "contains-any": { target: "contains, mode any", map: contains("any", true, true) },
  "icontains-any": {
    target: "contains, mode any, case-insensitive",
    map: contains("any", false, true),
  },
  "not-contains": { target: "contains, mode none", map: contains("none", true, false) },
  "not-icontains": {
    target: "contains, mode none, case-insensitive",
    map: contains("none", false, false),
  },
  "not-contains-any": { target: "contains, mode none", map: contains("none", true, true) },
  "not-icontains-any": {
    target: "contains, mode none, case-insensitive",
    map: contains("none", false, true),
  },
  "starts-with": {
    target: "regex ^value",
    map: (a) => {
      const value = text(a.value);
      if (!value) return { error: "value must be a non-empty string" };
      return ok("regex", { pattern: `^${value.replace(REGEX_META, "\\$&")}` });
    },
  },
  regex: {
    target: "regex",
    map: (a) => {
      const pattern = text(a.value);
      return pattern ? ok("regex", { pattern }) : { error: "value must be a regular expression" };
    },
  },
  "not-regex": {
    target: "regex, should_match false",
    map: (a) => {
      const pattern = text(a.value);
      if (!pattern) return { error: "value must be a regular expression" };
      return ok("regex", { pattern, should_match: false });
    },
  },
  "is-json": {
    target: "json_schema (the value's schema, else any JSON)",
    map: (a) => {
      if (a.value === undefined || a.value === null) return ok("json_schema", { schema: {} });
      if (typeof a.value === "string" && a.value.startsWith("file://")) {
        return {
          error: "schemas loaded from files (file://) are not supported; inline the schema",
        };
      }
      if (!isRecord(a.value) && typeof a.value !== "boolean") {
        return { error: "value must be a JSON Schema object" };
      }
      return ok("json_schema", { schema: a.value });
    },
  },
  javascript: {
    target: "javascript (the expression wrapped in a scorer function)",
    map: (a, { vars }) => {
      if (typeof a.value !== "string" || a.value.trim() === "") {
        return { error: "value must be JavaScript code" };
      }
      if (a.value.startsWith("file://")) {
        return { error: "code loaded from files (file://) is not supported; inline it" };
      }
      const source = wrapJavascript(a.value, vars, threshold(a));
      return ok("javascript", { source }, threshold(a));
    },
  },
  "llm-rubric": {
    target: "llm_judge (the rubric is the criterion)",
    map: (a, { judge }) => {
      const rubric = text(a.value);
      if (!rubric) return { error: "value must be the rubric text" };
      if (!judge) return { error: JUDGE_NEEDED };
      return ok("llm_judge", { criteria: [rubric], provider: judge }, threshold(a));
    },
  },
  latency: {
    target: "latency (threshold → max_ms)",
    map: (a) => {
      const maxMs = threshold(a);
      if (maxMs === undefined || maxMs <= 0)
        return { error: "threshold (milliseconds) is required" };
      return { scorer: { type: "latency", config: { max_ms: maxMs } } };
    },
  },
};

export const SUPPORTED_ASSERTIONS = Object.keys(ASSERTION_MAPPERS);

/** Keys of an assertion Assay ignores on purpose: they never change whether a test passes. */
const HARMLESS_KEYS = new Set(["type", "value", "threshold", "metric", "weight", "config"]);

/** Map one assertion, or say why it cannot be (never dropped silently). */
export function mapAssertion(
  raw: unknown,
  ctx: { judge: JudgeProvider | null; vars: object },
): Mapped {
  if (!isRecord(raw)) return { error: "must be an object with a type" };
  const type = typeof raw.type === "string" ? raw.type : "";
  const mapper = ASSERTION_MAPPERS[type];
  if (!type) return { error: "type is required" };
  if (!mapper) {
    return {
      error: `unsupported promptfoo assertion type "${type}"; Assay supports ${SUPPORTED_ASSERTIONS.join(", ")}`,
    };
  }
  const unknown = Object.keys(raw).filter((key) => !HARMLESS_KEYS.has(key));
  if (unknown.length > 0) {
    return {
      error: `${unknown.join(", ")} on an assertion ${unknown.length === 1 ? "is" : "are"} not supported`,
    };
  }
  const mapped = mapper.map(raw, ctx);
  if ("scorer" in mapped && typeof raw.metric === "string" && raw.metric.trim() !== "") {
    mapped.scorer = { ...mapped.scorer, name: raw.metric.trim().slice(0, 200) };
  }
  return mapped;
}
