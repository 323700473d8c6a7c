"use client";

import { useState } from "react";
import { useTestTarget } from "@/lib/client/hooks/targets";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { Segmented } from "@/components/ui/layout";
import { ValueView } from "@/components/ui/json-view";
import { ErrorState } from "@/components/ui/states";
import { formatDuration, formatNumber } from "@/components/ui/format";
import { IconPlay } from "@/components/ui/icons";

/** One real call to the saved target with a sample input: output, latency, tokens, or the error. */
export function TestCallPanel({ targetId }: { targetId: string }) {
  const test = useTestTarget(targetId);
  const [mode, setMode] = useState<"text" | "json">("text");
  const [text, setText] = useState("Hello");
  const [parseError, setParseError] = useState<string | null>(null);

  const run = () => {
    let input: unknown = text;
    if (mode === "json") {
      try {
        input = JSON.parse(text);
      } catch (e) {
        setParseError(`Invalid JSON: ${(e as Error).message}`);
        return;
      }
    }
    setParseError(null);
    test.mutate(input);
  };
  const result = test.data;
  return (
    <section
      className="rounded-lg border border-zinc-200 dark:border-zinc-800"
      data-testid="test-call"
    >
      <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h3 className="text-[13px] font-semibold">Test call</h3>
        <Segmented
          label="Sample input format"
          size="xs"
          value={mode}
          onChange={setMode}
          options={[
            { value: "text", label: "Text" },
            { value: "json", label: "JSON" },
          ]}
        />
      </div>
      <div className="space-y-3 p-3">
        <div className="flex items-start gap-2">
          <Textarea
            aria-label="Sample input"
            mono={mode === "json"}
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="min-h-0"
          />
          <Button
            variant="primary"
            icon={<IconPlay size={12} />}
            loading={test.isPending}
            onClick={run}
          >
            Send
          </Button>
        </div>
        {parseError ? <p className="text-xs text-red-600">{parseError}</p> : null}
        {test.isError ? (
          <ErrorState error={test.error} title="The test call could not be made" />
        ) : null}
        {result ? (
          <div className="space-y-2" data-testid="test-result">
            <div className="flex flex-wrap gap-x-4 gap-y-1 text-[12.5px] text-zinc-500 tabular">
              <span>
                latency{" "}
                <strong className="text-zinc-800 dark:text-zinc-200">
                  {formatDuration(result.latency_ms)}
                </strong>
              </span>
              {result.tokens ? (
                <span>
                  tokens{" "}
                  <strong className="text-zinc-800 dark:text-zinc-200">
                    {formatNumber(result.tokens.total)}
                  </strong>{" "}
                  ({formatNumber(result.tokens.prompt)} in ·{" "}
                  {formatNumber(result.tokens.completion)} out)
                </span>
              ) : null}
            </div>
            {result.error ? (
              <div
                role="alert"
                className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-[13px] dark:border-amber-800 dark:bg-amber-950/40"
              >
                <code className="font-mono font-semibold text-amber-900 dark:text-amber-300">
                  {result.error.code}
                </code>
                <p className="mt-0.5 text-amber-900/90 dark:text-amber-200/90">
                  {result.error.message}
                </p>
              </div>
            ) : null}
            {result.output !== null && result.output !== undefined ? (
              <ValueView value={result.output} maxHeight="16rem" />
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
