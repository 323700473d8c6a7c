import type { ReactNode } from "react";

export type Mark = { start: number; end: number; tone: "good" | "bad" | "info" };

const tones: Record<Mark["tone"], string> = {
  good: "rounded-sm bg-emerald-200/80 text-emerald-950 dark:bg-emerald-800/70 dark:text-emerald-50",
  bad: "rounded-sm bg-red-200/80 text-red-950 dark:bg-red-800/70 dark:text-red-50",
  info: "rounded-sm bg-accent-200/80 text-accent-950 dark:bg-accent-800/70 dark:text-accent-50",
};

/** Every (non-overlapping) occurrence of each needle in `text`. */
export function findAll(
  text: string,
  needle: string,
  caseSensitive: boolean,
  tone: Mark["tone"],
): Mark[] {
  if (!needle) return [];
  const hay = caseSensitive ? text : text.toLowerCase();
  const pin = caseSensitive ? needle : needle.toLowerCase();
  const marks: Mark[] = [];
  for (
    let i = hay.indexOf(pin);
    i !== -1 && marks.length < 500;
    i = hay.indexOf(pin, i + pin.length)
  ) {
    marks.push({ start: i, end: i + pin.length, tone });
  }
  return marks;
}

/** `text` with marked ranges wrapped in <mark>; overlapping marks keep the first. */
export function Highlighted({ text, marks }: { text: string; marks: Mark[] }) {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let at = 0;
  sorted.forEach((m, i) => {
    if (m.start < at) return;
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push(
      <mark key={i} className={tones[m.tone]}>
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  });
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}
