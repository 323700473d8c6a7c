"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { IconPlus, IconTrash } from "@/components/ui/icons";

/** Request headers as name/value rows; values may reference {{secrets.NAME}}. */
export function HeadersEditor({
  value,
  onChange,
}: {
  value: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
}) {
  const entries = Object.entries(value);
  const write = (list: [string, string][]) => onChange(Object.fromEntries(list));
  return (
    <div className="space-y-1.5">
      <span className="block text-[13px] font-medium text-zinc-700 dark:text-zinc-300">
        Headers
      </span>
      {entries.map(([k, v], i) => (
        <div key={i} className="flex gap-2">
          <Input
            aria-label={`Header ${i + 1} name`}
            value={k}
            onChange={(e) => write(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))}
            className="w-48 font-mono"
            placeholder="Authorization"
          />
          <Input
            aria-label={`Header ${i + 1} value`}
            value={v}
            onChange={(e) => write(entries.map((x, j) => (j === i ? [x[0], e.target.value] : x)))}
            className="font-mono"
            placeholder="Bearer {{secrets.AGENT_KEY}}"
          />
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Remove header ${i + 1}`}
            onClick={() => write(entries.filter((_, j) => j !== i))}
          >
            <IconTrash size={14} />
          </Button>
        </div>
      ))}
      <Button
        size="xs"
        variant="ghost"
        icon={<IconPlus size={12} />}
        onClick={() => write([...entries, [`X-Header-${entries.length + 1}`, ""]])}
      >
        Add header
      </Button>
      <p className="text-xs text-zinc-500">
        Reference secrets as <code className="font-mono">{"{{secrets.NAME}}"}</code>; they are never
        shown back.
      </p>
    </div>
  );
}
