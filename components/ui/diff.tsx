import { cn } from "./cn";

export type DiffPart = { kind: "same" | "add" | "remove"; text: string };

const MAX_CELLS = 4_000_000; // LCS table size beyond which we diff by line instead of by word

function tokenize(text: string, byLine: boolean): string[] {
  // Words, runs of whitespace and single punctuation marks: fine enough for JSON, readable for prose.
  return byLine
    ? text.split(/(?<=\n)/)
    : text.split(/(\s+|[^\p{L}\p{N}_])/u).filter((t) => t !== "");
}

/** A word-level (or, for long texts, line-level) diff from `before` to `after` by longest common subsequence. */
export function diffText(before: string, after: string): DiffPart[] {
  let a = tokenize(before, false);
  let b = tokenize(after, false);
  if (a.length * b.length > MAX_CELLS) {
    a = tokenize(before, true);
    b = tokenize(after, true);
  }
  if (a.length * b.length > MAX_CELLS) {
    return [
      { kind: "remove", text: before },
      { kind: "add", text: after },
    ];
  }
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] =
        a[i] === b[j]
          ? table[(i + 1) * (m + 1) + j + 1] + 1
          : Math.max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push("same", a[i]);
      i++;
      j++;
    } else if (table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]) {
      push("remove", a[i++]);
    } else {
      push("add", b[j++]);
    }
  }
  while (i < n) push("remove", a[i++]);
  while (j < m) push("add", b[j++]);
  return parts;
}

/** Expected → actual, inline: removed text struck through in red, added text in green. */
export function InlineDiff({
  before,
  after,
  className,
}: {
  before: string;
  after: string;
  className?: string;
}) {
  const parts = diffText(before, after);
  return (
    <pre
      data-testid="diff"
      className={cn(
        "overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[12.5px] leading-relaxed whitespace-pre-wrap break-words dark:border-zinc-800 dark:bg-zinc-950",
        className,
      )}
    >
      {parts.map((p, i) =>
        p.kind === "same" ? (
          <span key={i} className="text-zinc-700 dark:text-zinc-300">
            {p.text}
          </span>
        ) : p.kind === "remove" ? (
          <del
            key={i}
            className="rounded-sm bg-red-100 text-red-800 decoration-red-400 dark:bg-red-950/70 dark:text-red-300"
            title="expected, missing from the output"
          >
            {p.text}
          </del>
        ) : (
          <ins
            key={i}
            className="rounded-sm bg-emerald-100 text-emerald-900 no-underline dark:bg-emerald-950/70 dark:text-emerald-300"
            title="in the output, not expected"
          >
            {p.text}
          </ins>
        ),
      )}
    </pre>
  );
}

export function DiffLegend() {
  return (
    <div className="flex items-center gap-3 text-[11.5px] text-zinc-500 dark:text-zinc-400">
      <span className="inline-flex items-center gap-1">
        <span className="inline-block h-2.5 w-2.5 rounded-sm bg-red-200 dark:bg-red-900" /> expected
      </span>
      <span className="inline-flex items-center gap-1">
        <span className="inline-block h-2.5 w-2.5 rounded-sm bg-emerald-200 dark:bg-emerald-900" />{" "}
        actual
      </span>
    </div>
  );
}
