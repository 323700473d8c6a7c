"use client";

import { useEffect, useState } from "react";
import { Textarea } from "./input";

/** A JSON text area that reports parse errors inline and hands back parsed values only. */
export function JsonField({
  value,
  onChange,
  onValidity,
  rows = 6,
  id,
  placeholder,
  ...aria
}: {
  value: unknown;
  onChange: (value: unknown) => void;
  onValidity?: (error: string | null) => void;
  rows?: number;
  id?: string;
  placeholder?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2) ?? "");
  const [error, setError] = useState<string | null>(null);
  // Re-seed when the value is replaced from outside (e.g. a new scorer type's template).
  useEffect(() => {
    try {
      if (JSON.stringify(JSON.parse(text)) === JSON.stringify(value)) return;
    } catch {
      /* the user is mid-edit; only replace on a real change below */
    }
    setText(JSON.stringify(value, null, 2) ?? "");
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the value changes identity
  }, [value]);
  return (
    <div className="space-y-1">
      <Textarea
        id={id}
        mono
        rows={rows}
        value={text}
        placeholder={placeholder}
        aria-invalid={error ? true : aria["aria-invalid"]}
        aria-describedby={aria["aria-describedby"]}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed = JSON.parse(e.target.value) as unknown;
            setError(null);
            onValidity?.(null);
            onChange(parsed);
          } catch (err) {
            const message = `Invalid JSON: ${(err as Error).message}`;
            setError(message);
            onValidity?.(message);
          }
        }}
      />
      {error ? <p className="text-xs text-red-600 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
