"use client";

import { Badge } from "@/components/ui/badge";
import type { ImportResult, RowError } from "./api";

const where = (e: RowError) =>
  e.row > 0
    ? `Row ${e.row}${e.line ? ` (line ${e.line})` : ""}`
    : e.line
      ? `Line ${e.line}`
      : "File";

/** The row errors, capped for the screen; the full list is in the API response. */
export function ErrorList({ errors, total }: { errors: RowError[]; total?: number }) {
  const shown = errors.slice(0, 50);
  const more = (total ?? errors.length) - shown.length;
  if (shown.length === 0) return null;
  return (
    <ul
      className="max-h-48 space-y-1 overflow-y-auto rounded-lg border border-red-200 bg-red-50/60 px-3 py-2 text-[12.5px] text-red-800 dark:border-red-900/60 dark:bg-red-950/30 dark:text-red-300"
      data-testid="import-errors"
    >
      {shown.map((e, i) => (
        <li key={i}>
          <span className="font-medium">{where(e)}</span>
          {e.field && !e.field.startsWith("(") ? (
            <>
              {" · "}
              <code className="font-mono text-[12px]">{e.field}</code>
            </>
          ) : null}
          {": "}
          {e.message}
        </li>
      ))}
      {more > 0 ? <li className="text-red-700/80 dark:text-red-400/80">…and {more} more</li> : null}
    </ul>
  );
}

/** How the file's columns (or keys, or assertion types) become scenario fields. */
export function MappingTable({ mapping }: { mapping: NonNullable<ImportResult["mapping"]> }) {
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-[12.5px]" data-testid="import-mapping">
        <thead className="bg-zinc-50 text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th className="px-3 py-1.5 font-medium">In the file</th>
            <th className="px-3 py-1.5 font-medium">Becomes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {mapping.map((m, i) => (
            <tr key={i}>
              <td className="px-3 py-1.5 font-mono text-[12px] text-zinc-800 dark:text-zinc-200">
                {m.source}
              </td>
              <td
                className={
                  m.target.startsWith("ignored") || m.target.startsWith("unsupported")
                    ? "px-3 py-1.5 text-amber-700 dark:text-amber-400"
                    : "px-3 py-1.5 text-zinc-600 dark:text-zinc-300"
                }
              >
                {m.target}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The first rows as they will be imported, each with its errors. */
export function PreviewTable({ rows }: { rows: NonNullable<ImportResult["preview"]> }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full min-w-[640px] text-left text-[12.5px]" data-testid="import-preview">
        <thead className="bg-zinc-50 text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th className="w-12 px-3 py-1.5 font-medium">Row</th>
            <th className="px-3 py-1.5 font-medium">Name</th>
            <th className="px-3 py-1.5 font-medium">Input</th>
            <th className="px-3 py-1.5 font-medium">Scorers</th>
            <th className="px-3 py-1.5 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-800">
          {rows.map((r) => (
            <tr
              key={r.row}
              className={r.errors.length > 0 ? "bg-red-50/50 dark:bg-red-950/20" : undefined}
            >
              <td className="px-3 py-1.5 text-zinc-500 tabular-nums dark:text-zinc-400">{r.row}</td>
              <td className="max-w-[12rem] truncate px-3 py-1.5 font-medium" title={r.name}>
                {r.name || <span className="text-zinc-400">(none)</span>}
              </td>
              <td
                className="max-w-[16rem] truncate px-3 py-1.5 font-mono text-[12px] text-zinc-600 dark:text-zinc-300"
                title={r.input}
              >
                {r.input}
              </td>
              <td className="px-3 py-1.5">
                <div className="flex flex-wrap gap-1">
                  {r.scorers.map((s, i) => (
                    <Badge key={i} tone="slate">
                      {s}
                    </Badge>
                  ))}
                </div>
              </td>
              <td className="px-3 py-1.5">
                {r.errors.length === 0 ? (
                  <Badge tone="green">ok</Badge>
                ) : (
                  <ul className="space-y-0.5 text-red-700 dark:text-red-400">
                    {r.errors.map((e, i) => (
                      <li key={i}>
                        <code className="font-mono text-[12px]">{e.field}</code>: {e.message}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
