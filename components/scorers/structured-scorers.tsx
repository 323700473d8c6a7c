import { JsonView } from "@/components/ui/json-view";
import { asText, Code, isRecord, Label, Pre, Verdict, type ScorerOutput } from "./shared";

type Props = { data: ScorerOutput; output: unknown };

type SchemaError = {
  instancePath?: string;
  path?: string;
  message?: string;
  keyword?: string;
  params?: unknown;
  schemaPath?: string;
};

/** "/items/0/name" → "$.items[0].name", the way people read JSON paths. */
export function pointerToPath(pointer: string | undefined): string {
  if (!pointer) return "$";
  return (
    "$" +
    pointer
      .split("/")
      .slice(1)
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .map((part) =>
        /^\d+$/.test(part)
          ? `[${part}]`
          : /^[A-Za-z_$][\w$]*$/.test(part)
            ? `.${part}`
            : `[${JSON.stringify(part)}]`,
      )
      .join("")
  );
}

/** json_schema: valid, or each error pointing at the path in the output where it happened. */
export function JsonSchemaView({ data, output }: Props) {
  const valid = data.valid === true;
  const errors = Array.isArray(data.errors) ? (data.errors as (SchemaError | string)[]) : [];
  return (
    <div className="space-y-3">
      <Verdict passed={valid}>
        {valid
          ? "valid against the schema"
          : `${errors.length} schema error${errors.length === 1 ? "" : "s"}`}
      </Verdict>
      {errors.length > 0 ? (
        <ul
          className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
          data-testid="schema-errors"
        >
          {errors.map((e, i) => {
            const err: SchemaError = typeof e === "string" ? { message: e } : e;
            // Ajv reports JSON pointers ("/items/0"); show them the way people read paths ("$.items[0]").
            const pointer = err.instancePath ?? err.path;
            const path =
              pointer === undefined || pointer === "" || pointer.startsWith("/")
                ? pointerToPath(pointer)
                : pointer;
            return (
              <li
                key={i}
                className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-3 py-2 text-[13px]"
              >
                <Code>{path}</Code>
                <span className="text-red-700 dark:text-red-400">{err.message ?? "invalid"}</span>
                {err.keyword ? <span className="text-xs text-zinc-400">{err.keyword}</span> : null}
                {err.params && isRecord(err.params) && Object.keys(err.params).length ? (
                  <span className="font-mono text-xs text-zinc-500">
                    {JSON.stringify(err.params)}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {"parsed_output" in data ? (
        <details>
          <summary className="text-[12.5px] text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
            Parsed output
          </summary>
          <JsonView value={data.parsed_output} className="mt-2" />
        </details>
      ) : !valid ? (
        <div>
          <Label>Output</Label>
          <Pre>{asText(output)}</Pre>
        </div>
      ) : null}
    </div>
  );
}

/** json_path: the value found at the path next to what was expected. */
export function JsonPathView({ data }: Props) {
  const found = data.found !== false;
  const mode = "contains" in data ? "contains" : "equals";
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-[13px]">
        <Code>{String(data.path ?? "")}</Code>
        {!found ? (
          <span className="text-red-700 dark:text-red-400">path not found in the output</span>
        ) : null}
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <Label>Expected ({mode})</Label>
          <JsonView value={data.expected ?? data.contains} maxHeight="12rem" />
        </div>
        <div>
          <Label>Actual</Label>
          {found ? (
            <JsonView value={data.actual} maxHeight="12rem" />
          ) : (
            <Pre>(nothing at this path)</Pre>
          )}
        </div>
      </div>
    </div>
  );
}

type Check = {
  name?: string;
  check?: string;
  field?: string;
  passed?: boolean;
  ok?: boolean;
  message?: string;
  reason?: string;
  detail?: string;
  expected?: unknown;
  actual?: unknown;
};

/** tool_call: the expected call, the calls made, and each check on name and arguments. */
export function ToolCallView({ data }: Props) {
  const checks = Array.isArray(data.checks) ? (data.checks as Check[]) : null;
  return (
    <div className="space-y-3">
      {checks ? (
        <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {checks.map((c, i) => {
            const passed = c.passed ?? c.ok ?? null;
            return (
              <li
                key={i}
                className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-3 py-2 text-[13px]"
              >
                <Verdict passed={passed}>
                  {c.name ?? c.check ?? c.field ?? `check ${i + 1}`}
                </Verdict>
                {c.message || c.reason || c.detail ? (
                  <span className="text-zinc-600 dark:text-zinc-400">
                    {c.message ?? c.reason ?? c.detail}
                  </span>
                ) : null}
                {c.expected !== undefined || c.actual !== undefined ? (
                  <span className="font-mono text-xs text-zinc-500">
                    expected {JSON.stringify(c.expected)} · got {JSON.stringify(c.actual)}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : data.checks !== undefined ? (
        <JsonView value={data.checks} maxHeight="12rem" />
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <Label>Expected call</Label>
          <JsonView value={data.expected} maxHeight="14rem" />
        </div>
        <div>
          <Label>Actual call(s)</Label>
          <JsonView value={data.actual} maxHeight="14rem" />
        </div>
      </div>
    </div>
  );
}

type Criterion = { criterion?: string; passed?: boolean; reasoning?: string };

/** llm_judge: per-criterion verdicts with reasoning; the raw judge response folded away. */
export function LlmJudgeView({ data }: Props) {
  const criteria = Array.isArray(data.criteria) ? (data.criteria as Criterion[]) : [];
  return (
    <div className="space-y-3">
      <ul className="space-y-2">
        {criteria.map((c, i) => (
          <li key={i} className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
            <div className="flex items-start justify-between gap-3">
              <p className="text-[13px] font-medium">{c.criterion}</p>
              <Verdict passed={c.passed ?? null} />
            </div>
            {c.reasoning ? (
              <p className="mt-1 text-[13px] leading-relaxed text-zinc-600 dark:text-zinc-400">
                {c.reasoning}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {data.raw_response !== undefined ? (
        <details>
          <summary className="text-[12.5px] text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
            Raw judge response
          </summary>
          <div className="mt-2">
            {typeof data.raw_response === "string" ? (
              <Pre>{data.raw_response}</Pre>
            ) : (
              <JsonView value={data.raw_response} />
            )}
          </div>
        </details>
      ) : null}
    </div>
  );
}

/** javascript: what the user's function returned. */
export function JavascriptView({ data }: Props) {
  return (
    <div>
      <Label>Returned</Label>
      <JsonView value={data.returned} maxHeight="14rem" />
    </div>
  );
}
