"use client";

import type { Target } from "@/lib/client/types";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { IconArrowDown, IconArrowUp, IconTrash } from "@/components/ui/icons";

/** A workflow's ordered steps: each step's output is the next one's input. */
export function WorkflowSteps({
  steps,
  onChange,
  others,
}: {
  steps: string[];
  onChange: (steps: string[]) => void;
  others: Target[];
}) {
  const nameOf = (id: string) => others.find((t) => t.id === id)?.name ?? id;
  const move = (i: number, d: number) => {
    const next = [...steps];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onChange(next);
  };
  return (
    <div className="space-y-2">
      <span className="block text-[13px] font-medium text-zinc-700 dark:text-zinc-300">
        Steps · each output is the next step&apos;s input; the last one is scored
      </span>
      <ol className="space-y-1.5">
        {steps.map((id, i) => (
          <li
            key={`${id}-${i}`}
            className="flex items-center gap-2 rounded-md border border-zinc-200 px-2 py-1.5 text-[13px] dark:border-zinc-800"
          >
            <span className="w-5 text-xs text-zinc-400 tabular">{i + 1}</span>
            <span className="flex-1 truncate">{nameOf(id)}</span>
            <Button
              size="xs"
              variant="ghost"
              aria-label="Move up"
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              <IconArrowUp size={12} />
            </Button>
            <Button
              size="xs"
              variant="ghost"
              aria-label="Move down"
              disabled={i === steps.length - 1}
              onClick={() => move(i, 1)}
            >
              <IconArrowDown size={12} />
            </Button>
            <Button
              size="xs"
              variant="ghost"
              aria-label="Remove step"
              onClick={() => onChange(steps.filter((_, j) => j !== i))}
            >
              <IconTrash size={12} />
            </Button>
          </li>
        ))}
      </ol>
      <Select
        aria-label="Add a step"
        value=""
        onChange={(e) => e.target.value && onChange([...steps, e.target.value])}
        className="w-72"
      >
        <option value="">Add a step…</option>
        {others
          .filter((t) => t.type !== "workflow" && !t.archived)
          .map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.type})
            </option>
          ))}
      </Select>
    </div>
  );
}
