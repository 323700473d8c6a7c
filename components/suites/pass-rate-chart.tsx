"use client";

import Link from "next/link";
import { useState } from "react";
import type { SuiteRun } from "@/lib/client/types";
import { formatDateTime, formatPercent } from "@/components/ui/format";
import { STATUS_META } from "@/components/runs/status";

const H = 160;
const PAD = { top: 12, right: 12, bottom: 22, left: 36 };

/**
 * Pass rate per suite run over time (oldest left), with the gate threshold as a dashed line. Each
 * point is a link to its run; the dot's colour is the run's status.
 */
export function PassRateChart({
  runs,
  threshold,
  project,
}: {
  runs: SuiteRun[];
  threshold: number;
  project: string;
}) {
  const [hover, setHover] = useState<number | null>(null);
  // Resubmits re-run only what failed, so their rate is not comparable: they stay off the trend.
  const points = [...runs]
    .filter(
      (r) => r.trigger !== "resubmit" && r.status !== "queued" && r.total_runs > r.cancelled_count,
    )
    .reverse();
  if (points.length === 0) {
    return (
      <div className="flex h-40 items-center justify-center text-[13px] text-zinc-500">
        The chart fills in as runs finish.
      </div>
    );
  }
  const width = 720;
  const innerW = width - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (points.length === 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (v: number) => PAD.top + (1 - v) * innerH;
  const line = points
    .map((r, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(r.pass_rate).toFixed(1)}`)
    .join(" ");
  const area = `${line} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
  const hovered = hover !== null ? points[hover] : null;
  return (
    <div className="relative">
      <svg
        viewBox={`0 0 ${width} ${H}`}
        className="h-44 w-full"
        role="img"
        aria-label={`Pass rate of the last ${points.length} runs against the ${formatPercent(threshold)} gate`}
        preserveAspectRatio="none"
      >
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={width - PAD.right}
              y1={y(v)}
              y2={y(v)}
              className="stroke-zinc-200 dark:stroke-zinc-800"
              strokeWidth={1}
              vectorEffect="non-scaling-stroke"
            />
            <text
              x={PAD.left - 6}
              y={y(v) + 3.5}
              textAnchor="end"
              className="fill-zinc-400 text-[10px]"
            >
              {v * 100}%
            </text>
          </g>
        ))}
        <line
          x1={PAD.left}
          x2={width - PAD.right}
          y1={y(threshold)}
          y2={y(threshold)}
          className="stroke-amber-500"
          strokeDasharray="4 3"
          strokeWidth={1.25}
          vectorEffect="non-scaling-stroke"
        />
        <text
          x={width - PAD.right}
          y={y(threshold) - 4}
          textAnchor="end"
          className="fill-amber-600 text-[10px] dark:fill-amber-400"
        >
          gate {formatPercent(threshold)}
        </text>
        <path d={area} className="fill-accent-500/10" />
        <path
          d={line}
          fill="none"
          className="stroke-accent-500"
          strokeWidth={1.75}
          vectorEffect="non-scaling-stroke"
          strokeLinejoin="round"
        />
      </svg>
      {/* Points as HTML so they stay round (the SVG stretches) and are keyboard-focusable links. */}
      <div className="pointer-events-none absolute inset-0">
        {points.map((r, i) => (
          <Link
            key={r.id}
            href={`/p/${project}/runs/${r.id}`}
            aria-label={`${STATUS_META[r.status]?.label ?? r.status}, ${formatPercent(r.pass_rate)}, ${formatDateTime(r.created_at)}`}
            onMouseEnter={() => setHover(i)}
            onMouseLeave={() => setHover(null)}
            onFocus={() => setHover(i)}
            onBlur={() => setHover(null)}
            className={`pointer-events-auto absolute h-2.5 w-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full ring-2 ring-white hover:scale-150 focus-visible:scale-150 dark:ring-zinc-950 ${STATUS_META[r.status]?.dot ?? "bg-zinc-400"}`}
            style={{ left: `${(x(i) / width) * 100}%`, top: `${(y(r.pass_rate) / H) * 100}%` }}
          />
        ))}
      </div>
      {hovered ? (
        <div className="pointer-events-none absolute top-0 right-0 rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-[12px] shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
          <div className="font-semibold tabular">{formatPercent(hovered.pass_rate)}</div>
          <div className="text-zinc-500">{formatDateTime(hovered.created_at)}</div>
        </div>
      ) : null}
    </div>
  );
}
