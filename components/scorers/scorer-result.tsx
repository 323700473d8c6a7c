import type { ScorerResult } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { JsonView } from "@/components/ui/json-view";
import { formatDuration } from "@/components/ui/format";
import { isRecord } from "./shared";
import {
  ContainsView,
  ExactMatchView,
  LatencyView,
  RegexView,
  SimilarityView,
} from "./text-scorers";
import {
  JavascriptView,
  JsonPathView,
  JsonSchemaView,
  LlmJudgeView,
  ToolCallView,
} from "./structured-scorers";

function Body({
  result,
  output,
  expected,
}: {
  result: ScorerResult;
  output: unknown;
  expected: unknown;
}) {
  const data = result.scorer_output;
  if (!isRecord(data))
    return data === null || data === undefined ? null : <JsonView value={data} />;
  if (typeof data.error === "string" && Object.keys(data).length <= 2) {
    return (
      <p className="rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-900 dark:bg-amber-950/40 dark:text-amber-300">
        Scorer configuration error: <code className="font-mono">{data.error}</code>
        {typeof data.message === "string" ? ` — ${data.message}` : ""}
      </p>
    );
  }
  const props = { data, output, expected };
  try {
    switch (result.scorer) {
      case "contains":
        if (Array.isArray(data.matches)) return <ContainsView {...props} />;
        break;
      case "regex":
        if (typeof data.pattern === "string") return <RegexView {...props} />;
        break;
      case "exact_match":
        return <ExactMatchView {...props} />;
      case "similarity":
        return <SimilarityView {...props} threshold={result.threshold} />;
      case "latency":
        if (typeof data.max_ms === "number") return <LatencyView {...props} />;
        break;
      case "json_schema":
        if (typeof data.valid === "boolean") return <JsonSchemaView {...props} />;
        break;
      case "json_path":
        if (typeof data.path === "string") return <JsonPathView {...props} />;
        break;
      case "tool_call":
        return <ToolCallView {...props} />;
      case "llm_judge":
        if (Array.isArray(data.criteria)) return <LlmJudgeView {...props} />;
        break;
      case "javascript":
        if ("returned" in data) return <JavascriptView {...props} />;
        break;
    }
  } catch {
    /* an unexpected shape falls through to plain JSON */
  }
  return <JsonView value={data} />;
}

/** One scorer's verdict on one run, rendered for its type; unknown shapes fall back to JSON. */
export function ScorerResultCard({
  result,
  output,
  expected,
}: {
  result: ScorerResult;
  output: unknown;
  expected: unknown;
}) {
  const configError =
    isRecord(result.scorer_output) && typeof result.scorer_output.error === "string";
  return (
    <article
      data-testid="scorer-result"
      data-scorer={result.scorer}
      data-passed={result.passed}
      className={cn(
        "overflow-hidden rounded-lg border bg-white dark:bg-zinc-900/40",
        result.passed
          ? "border-zinc-200 dark:border-zinc-800"
          : configError
            ? "border-amber-300 dark:border-amber-800"
            : "border-red-300 dark:border-red-900",
      )}
    >
      <header
        className={cn(
          "flex flex-wrap items-center gap-x-3 gap-y-1 border-b px-4 py-2.5",
          result.passed
            ? "border-zinc-200 dark:border-zinc-800"
            : configError
              ? "border-amber-200 bg-amber-50/60 dark:border-amber-900 dark:bg-amber-950/30"
              : "border-red-200 bg-red-50/60 dark:border-red-900/70 dark:bg-red-950/30",
        )}
      >
        <span
          className={cn(
            "inline-flex h-5 items-center rounded px-1.5 text-[11.5px] font-semibold",
            result.passed
              ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-300"
              : configError
                ? "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-300"
                : "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-300",
          )}
        >
          {result.passed ? "PASS" : configError ? "ERROR" : "FAIL"}
        </span>
        <h3 className="text-[13.5px] font-semibold">{result.name}</h3>
        {result.name !== result.scorer ? (
          <span className="font-mono text-[12px] text-zinc-500">{result.scorer}</span>
        ) : null}
        <span className="ml-auto text-[12.5px] text-zinc-500 tabular dark:text-zinc-400">
          score {Number.isFinite(result.score) ? result.score.toFixed(2) : "—"} / threshold{" "}
          {result.threshold} · {formatDuration(result.duration_ms)}
        </span>
      </header>
      <div className="space-y-3 px-4 py-3">
        {result.reason ? (
          <p className="text-[13px] text-zinc-700 dark:text-zinc-300" data-testid="scorer-reason">
            {result.reason}
          </p>
        ) : null}
        <Body result={result} output={output} expected={expected} />
      </div>
    </article>
  );
}
