"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useSuite, useTriggerSuiteRun } from "@/lib/client/hooks/suites";
import { useProjectSlug } from "@/lib/client/project";
import { isProblem } from "@/lib/client/fetch";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Field, Textarea, TextField } from "@/components/ui/input";
import { SearchInput } from "@/components/ui/search-input";
import { ErrorState, InlineLoading } from "@/components/ui/states";
import { Badge } from "@/components/ui/badge";
import { formatNumber } from "@/components/ui/format";

const SHOWN_LIMIT = 300; // long scenario lists: filter to find the rest

function parseOverride(text: string): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { error: "Must be a JSON object." };
    return { value: value as Record<string, unknown> };
  } catch (e) {
    return { error: `Not valid JSON: ${(e as Error).message}` };
  }
}

function Picker({
  title,
  items,
  selected,
  onChange,
  testId,
}: {
  title: string;
  items: { id: string; name: string; archived: boolean; hint?: string }[];
  selected: Set<string>;
  onChange: (next: Set<string>) => void;
  testId: string;
}) {
  const [filter, setFilter] = useState("");
  const active = items.filter((i) => !i.archived);
  const matching = filter
    ? items.filter((i) => i.name.toLowerCase().includes(filter.toLowerCase()))
    : items;
  const shown = matching.slice(0, SHOWN_LIMIT);
  const count = active.filter((i) => selected.has(i.id)).length;
  return (
    <fieldset
      className="rounded-lg border border-zinc-200 dark:border-zinc-800"
      data-testid={testId}
    >
      <legend className="sr-only">{title}</legend>
      <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <span className="text-[13px] font-medium">
          {title}{" "}
          <span className="font-normal text-zinc-500 tabular dark:text-zinc-400">
            {count} of {active.length}
          </span>
        </span>
        <div className="flex gap-1">
          <Button
            size="xs"
            variant="ghost"
            onClick={() => onChange(new Set(active.map((i) => i.id)))}
          >
            All
          </Button>
          <Button size="xs" variant="ghost" onClick={() => onChange(new Set())}>
            None
          </Button>
        </div>
      </div>
      {items.length > 8 ? (
        <div className="border-b border-zinc-200 p-2 dark:border-zinc-800">
          <SearchInput
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={`Filter ${title.toLowerCase()}`}
            aria-label={`Filter ${title.toLowerCase()}`}
          />
        </div>
      ) : null}
      <div className="max-h-48 space-y-1 overflow-y-auto px-3 py-2">
        {shown.map((item) => (
          <div key={item.id} className="flex items-center justify-between gap-2">
            <Checkbox
              label={
                <span className={item.archived ? "text-zinc-400 line-through" : undefined}>
                  {item.name}
                </span>
              }
              checked={!item.archived && selected.has(item.id)}
              disabled={item.archived}
              onChange={(e) => {
                const next = new Set(selected);
                if (e.target.checked) next.add(item.id);
                else next.delete(item.id);
                onChange(next);
              }}
            />
            {item.archived ? (
              <Badge>archived · skipped</Badge>
            ) : item.hint ? (
              <span className="text-xs text-zinc-400">{item.hint}</span>
            ) : null}
          </div>
        ))}
        {matching.length > shown.length ? (
          <p className="pt-1 text-xs text-zinc-500">
            {formatNumber(matching.length - shown.length)} more — filter to find them. Selection
            still applies to all.
          </p>
        ) : null}
        {matching.length === 0 ? <p className="text-xs text-zinc-500">Nothing matches.</p> : null}
      </div>
    </fieldset>
  );
}

/** Run a suite: pick targets and scenarios, repeats and an optional config override; see the fan-out first. */
export function RunDialog({
  suiteId,
  open,
  onClose,
}: {
  suiteId: string;
  open: boolean;
  onClose: () => void;
}) {
  const router = useRouter();
  const project = useProjectSlug();
  const suite = useSuite(suiteId);
  const trigger = useTriggerSuiteRun(suiteId);
  const [scenarios, setScenarios] = useState<Set<string>>(new Set());
  const [targets, setTargets] = useState<Set<string>>(new Set());
  const [repeats, setRepeats] = useState("1");
  const [override, setOverride] = useState("");
  const [idempotencyKey, setIdempotencyKey] = useState("");

  const data = suite.data;
  useEffect(() => {
    if (!open || !data) return;
    setScenarios(new Set(data.scenarios.filter((s) => !s.archived).map((s) => s.id)));
    setTargets(new Set(data.targets.filter((t) => !t.archived).map((t) => t.id)));
    setRepeats(String(data.repeat_count));
    setOverride("");
    setIdempotencyKey(crypto.randomUUID());
    trigger.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset the form each time it opens
  }, [open, data?.id]);

  const parsed = useMemo(() => parseOverride(override), [override]);
  const repeatCount = Number(repeats);
  const repeatError =
    !Number.isInteger(repeatCount) || repeatCount < 1 || repeatCount > 100 ? "1 to 100" : null;
  const activeScenarios = data?.scenarios.filter((s) => !s.archived && scenarios.has(s.id)) ?? [];
  const activeTargets = data?.targets.filter((t) => !t.archived && targets.has(t.id)) ?? [];
  const total = activeScenarios.length * activeTargets.length * (repeatError ? 0 : repeatCount);
  const allScenarios = data
    ? activeScenarios.length === data.scenarios.filter((s) => !s.archived).length
    : true;
  const allTargets = data
    ? activeTargets.length === data.targets.filter((t) => !t.archived).length
    : true;
  const canRun = !!data && total > 0 && !parsed.error && !repeatError;
  const problem = isProblem(trigger.error) ? trigger.error : trigger.error;

  const submit = () => {
    if (!canRun) return;
    trigger.mutate(
      {
        ...(allScenarios ? {} : { scenario_ids: activeScenarios.map((s) => s.id) }),
        ...(allTargets ? {} : { target_ids: activeTargets.map((t) => t.id) }),
        repeat_count: repeatCount,
        ...(parsed.value ? { config_override: parsed.value } : {}),
        idempotency_key: idempotencyKey,
      },
      { onSuccess: (run) => router.push(`/p/${project}/runs/${run.id}`) },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={data ? `Run “${data.name}”` : "Run suite"}
      description="Each selected scenario runs on each selected target, repeated as many times as you set."
      footer={
        <>
          <p
            className="mr-auto text-[13px] text-zinc-600 dark:text-zinc-300"
            data-testid="run-count"
            aria-live="polite"
          >
            {data ? (
              <>
                Creates <strong className="tabular">{formatNumber(total)}</strong> run
                {total === 1 ? "" : "s"}
                <span className="text-zinc-400 tabular">
                  {" "}
                  = {activeScenarios.length} scenario{activeScenarios.length === 1 ? "" : "s"} ×{" "}
                  {activeTargets.length} target{activeTargets.length === 1 ? "" : "s"} ×{" "}
                  {repeatError ? "?" : repeatCount} repeat
                  {repeatCount === 1 ? "" : "s"}
                </span>
              </>
            ) : null}
          </p>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="primary"
            onClick={submit}
            disabled={!canRun}
            loading={trigger.isPending}
            data-testid="confirm-run"
          >
            Start {total > 0 ? formatNumber(total) : ""} run{total === 1 ? "" : "s"}
          </Button>
        </>
      }
    >
      {suite.isPending ? (
        <InlineLoading label="Loading the suite…" />
      ) : suite.isError ? (
        <ErrorState
          error={suite.error}
          title="Could not load the suite"
          onRetry={() => void suite.refetch()}
        />
      ) : data ? (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="grid items-start gap-4 md:grid-cols-2">
            <Picker
              title="Targets"
              items={data.targets.map((t) => ({ ...t, hint: t.type }))}
              selected={targets}
              onChange={setTargets}
              testId="run-targets"
            />
            <Picker
              title="Scenarios"
              items={data.scenarios}
              selected={scenarios}
              onChange={setScenarios}
              testId="run-scenarios"
            />
          </div>
          <div className="grid gap-4 md:grid-cols-[10rem_1fr]">
            <TextField
              label="Repeats"
              hint="Per scenario × target"
              error={repeatError}
              value={repeats}
              onValueChange={setRepeats}
              type="number"
              min={1}
              max={100}
              inputClassName="tabular"
              name="repeat_count"
            />
            <Field
              label="Config override (JSON, optional)"
              hint={
                <>
                  Merged over each target&apos;s config for this run only, e.g.{" "}
                  <code className="font-mono">{`{"target_config": {"url": "…"}, "timeout_ms": 5000}`}</code>
                </>
              }
              error={parsed.error}
            >
              {(p) => (
                <Textarea
                  {...p}
                  mono
                  rows={3}
                  value={override}
                  onChange={(e) => setOverride(e.target.value)}
                  placeholder="{}"
                  name="config_override"
                />
              )}
            </Field>
          </div>
          {trigger.isError ? <ErrorState error={problem} title="The run was not started" /> : null}
        </form>
      ) : null}
    </Dialog>
  );
}
