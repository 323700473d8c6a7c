import { DiffLegend, InlineDiff } from "@/components/ui/diff";
import { findAll, Highlighted, type Mark } from "@/components/ui/highlight";
import { formatPercent } from "@/components/ui/format";
import { asText, Code, Label, Pre, Verdict, type ScorerOutput } from "./shared";

type Props = { data: ScorerOutput; output: unknown; expected: unknown };

/** contains: each value found or missing, and where it sits in the output. */
export function ContainsView({ data, output }: Props) {
  const mode = String(data.mode ?? "all");
  const matches = Array.isArray(data.matches)
    ? (data.matches as { value: string; found: boolean }[])
    : [];
  const text = asText(output);
  const marks: Mark[] = matches
    .filter((m) => m.found)
    .flatMap((m) => findAll(text, m.value, false, mode === "none" ? "bad" : "good"));
  return (
    <div className="space-y-3">
      <div>
        <Label>
          Values (
          {mode === "all" ? "all required" : mode === "any" ? "any one suffices" : "none allowed"})
          · {String(data.found_count ?? 0)} of {String(data.total ?? matches.length)} found
        </Label>
        <ul className="flex flex-wrap gap-1.5" data-testid="contains-values">
          {matches.map((m, i) => {
            const good = mode === "none" ? !m.found : m.found;
            return (
              <li
                key={i}
                data-found={m.found}
                className={
                  good
                    ? "inline-flex items-center gap-1 rounded-md bg-emerald-50 px-2 py-0.5 font-mono text-[12px] text-emerald-800 ring-1 ring-emerald-200 ring-inset dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-900"
                    : "inline-flex items-center gap-1 rounded-md bg-red-50 px-2 py-0.5 font-mono text-[12px] text-red-800 ring-1 ring-red-200 ring-inset dark:bg-red-950/50 dark:text-red-300 dark:ring-red-900"
                }
              >
                <span aria-hidden="true">{m.found ? "✓" : "✗"}</span>“{m.value}”
                <span className="font-sans text-[11px] opacity-75">
                  {m.found ? "found" : "missing"}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      {text ? (
        <div>
          <Label>Output{marks.length ? " (matches highlighted)" : ""}</Label>
          <Pre>
            <Highlighted text={text} marks={marks} />
          </Pre>
        </div>
      ) : null}
    </div>
  );
}

/** regex: the pattern, whether it matched as it should, the match highlighted, and its groups. */
export function RegexView({ data, output }: Props) {
  const pattern = String(data.pattern ?? "");
  const flags = String(data.flags ?? "");
  const shouldMatch = data.should_match !== false;
  const matched = data.matched === true;
  const groups = Array.isArray(data.match_groups) ? (data.match_groups as unknown[]) : [];
  const named =
    data.named_groups && typeof data.named_groups === "object"
      ? Object.entries(data.named_groups as Record<string, unknown>)
      : [];
  const text = asText(output);
  let marks: Mark[] = [];
  try {
    // Re-run in the browser only to locate the match for highlighting; the verdict is the server's (RE2).
    const re = new RegExp(pattern, flags.replace(/[^imsu]/g, "") + "g");
    for (const m of text.matchAll(re)) {
      if (m.index === undefined || m[0] === "") break;
      marks.push({
        start: m.index,
        end: m.index + m[0].length,
        tone: shouldMatch ? "good" : "bad",
      });
      if (marks.length > 200) break;
    }
  } catch {
    marks = [];
  }
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-[13px]">
        <span>
          <Code>
            /{pattern}/{flags}
          </Code>
        </span>
        <span className="text-zinc-500 dark:text-zinc-400">
          should {shouldMatch ? "match" : "not match"}
        </span>
        <Verdict passed={matched === shouldMatch}>{matched ? "matched" : "no match"}</Verdict>
      </div>
      {groups.length > 0 || named.length > 0 ? (
        <div>
          <Label>Groups</Label>
          <table className="text-[12.5px]">
            <tbody>
              {groups.map((g, i) => (
                <tr key={`g${i}`}>
                  <td className="pr-3 font-mono text-zinc-500">${i + 1}</td>
                  <td className="font-mono">
                    {g === null || g === undefined ? (
                      <span className="text-zinc-400">undefined</span>
                    ) : (
                      JSON.stringify(g)
                    )}
                  </td>
                </tr>
              ))}
              {named.map(([k, v]) => (
                <tr key={k}>
                  <td className="pr-3 font-mono text-zinc-500">{k}</td>
                  <td className="font-mono">{JSON.stringify(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {text ? (
        <div>
          <Label>Output</Label>
          <Pre>
            <Highlighted text={text} marks={marks} />
          </Pre>
        </div>
      ) : null}
    </div>
  );
}

/** JSON texts are compared pretty-printed, so the diff lines up field by field. */
function prettyIfJson(text: string): string {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

/** exact_match: expected vs actual as a diff. */
export function ExactMatchView({ data, output, expected }: Props) {
  const want = prettyIfJson(asText(data.expected ?? expected));
  const got = prettyIfJson(asText(data.actual ?? output));
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between">
        <Label>Expected → actual{data.case_sensitive === false ? " (case-insensitive)" : ""}</Label>
        <DiffLegend />
      </div>
      {want === got ? <Pre>{got}</Pre> : <InlineDiff before={want} after={got} />}
    </div>
  );
}

/** similarity: the score against the threshold, and the expected text beside the output. */
export function SimilarityView({
  data,
  output,
  expected,
  threshold,
}: Props & { threshold: number }) {
  const value = typeof data.value === "number" ? data.value : null;
  const want = asText(data.expected ?? expected);
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3 text-[13px]">
        <span className="font-mono text-zinc-500">{String(data.method ?? "")}</span>
        <div className="relative h-1.5 w-40 rounded-full bg-zinc-100 dark:bg-zinc-800">
          <div
            className="h-full rounded-full bg-accent-500"
            style={{ width: `${(value ?? 0) * 100}%` }}
          />
          <div
            className="absolute -top-1 h-3.5 w-0.5 bg-zinc-600 dark:bg-zinc-300"
            style={{ left: `${threshold * 100}%` }}
            title={`threshold ${threshold}`}
          />
        </div>
        <span className="font-semibold tabular">{value === null ? "—" : value.toFixed(3)}</span>
        <span className="text-zinc-500">threshold {threshold}</span>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <Label>Expected</Label>
          <Pre>{want}</Pre>
        </div>
        <div>
          <Label>Actual</Label>
          <Pre>{asText(output)}</Pre>
        </div>
      </div>
      {want && asText(output) !== want ? (
        <details>
          <summary className="text-[12.5px] text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
            Show the difference
          </summary>
          <InlineDiff before={want} after={asText(output)} className="mt-2" />
        </details>
      ) : null}
    </div>
  );
}

/** latency: the call time against the limit. */
export function LatencyView({ data }: Props) {
  const max = Number(data.max_ms ?? 0);
  const actual = Number(data.latency_ms ?? 0);
  const ratio = max > 0 ? actual / max : 0;
  return (
    <div className="flex items-center gap-3 text-[13px]">
      <div className="relative h-2 w-56 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800">
        <div
          className={ratio <= 1 ? "h-full bg-emerald-500" : "h-full bg-red-500"}
          style={{ width: `${Math.min(1, ratio) * 100}%` }}
        />
      </div>
      <span className="tabular">
        <strong>{actual} ms</strong> of {max} ms max ({formatPercent(ratio, 0)})
      </span>
    </div>
  );
}
