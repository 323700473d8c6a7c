"use client";

import { useState } from "react";
import { cn } from "./cn";
import { IconCheck, IconCopy } from "./icons";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Insecure contexts (plain http on a LAN address) have no clipboard API.
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyButton({
  value,
  label = "Copy",
  className,
  showLabel = false,
}: {
  value: string;
  label?: string;
  className?: string;
  showLabel?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        if (await copyText(value)) {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        }
      }}
      aria-label={copied ? "Copied" : label}
      title={copied ? "Copied" : label}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded-md px-1.5 text-[12.5px] text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
        className,
      )}
    >
      {copied ? <IconCheck className="text-emerald-600 dark:text-emerald-400" /> : <IconCopy />}
      {showLabel ? <span>{copied ? "Copied" : label}</span> : null}
      <span className="sr-only" aria-live="polite">
        {copied ? "Copied to clipboard" : ""}
      </span>
    </button>
  );
}

/** A secret or URL shown once, with a copy button and a warning that it will not be shown again. */
export function RevealOnce({
  value,
  note,
  testId,
}: {
  value: string;
  note?: string;
  testId?: string;
}) {
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-1 rounded-md border border-zinc-200 bg-zinc-50 py-1 pr-1 pl-3 dark:border-zinc-700 dark:bg-zinc-950">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 overflow-x-auto font-mono text-[12.5px] whitespace-nowrap select-all"
        >
          {value}
        </code>
        <CopyButton value={value} showLabel />
      </div>
      <p className="text-xs text-amber-700 dark:text-amber-400">
        {note ?? "Copy it now: it will not be shown again."}
      </p>
    </div>
  );
}
