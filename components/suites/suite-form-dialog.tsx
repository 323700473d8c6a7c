"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useSaveSuite } from "@/lib/client/hooks/suites";
import { useScenarios } from "@/lib/client/hooks/scenarios";
import { useTargets } from "@/lib/client/hooks/targets";
import { useProjectSlug } from "@/lib/client/project";
import { isProblem } from "@/lib/client/fetch";
import type { SuiteDetail } from "@/lib/client/types";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Field, Textarea, TextField } from "@/components/ui/input";
import { SearchInput } from "@/components/ui/search-input";
import { ErrorState } from "@/components/ui/states";

function IdPicker({
  label,
  items,
  selected,
  onChange,
  error,
  footer,
}: {
  label: string;
  items: { id: string; name: string; hint?: string }[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  footer?: React.ReactNode;
}) {
  const [filter, setFilter] = useState("");
  const shown = filter
    ? items.filter((i) => i.name.toLowerCase().includes(filter.toLowerCase()))
    : items;
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between">
        <span className="text-[13px] font-medium text-zinc-700 dark:text-zinc-300">
          {label}{" "}
          <span className="font-normal text-zinc-500 tabular">({selected.length} selected)</span>
        </span>
        <div className="flex gap-1">
          <Button
            size="xs"
            variant="ghost"
            onClick={() => onChange([...new Set([...selected, ...shown.map((i) => i.id)])])}
          >
            All
          </Button>
          <Button size="xs" variant="ghost" onClick={() => onChange([])}>
            None
          </Button>
        </div>
      </div>
      <div className="rounded-md border border-zinc-200 dark:border-zinc-700">
        {items.length > 8 ? (
          <div className="border-b border-zinc-200 p-1.5 dark:border-zinc-700">
            <SearchInput
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder="Filter"
              aria-label={`Filter ${label.toLowerCase()}`}
            />
          </div>
        ) : null}
        <div className="max-h-40 space-y-1 overflow-y-auto px-2.5 py-2">
          {shown.length === 0 ? <p className="text-xs text-zinc-500">None available.</p> : null}
          {shown.map((item) => (
            <div key={item.id} className="flex items-center justify-between gap-2">
              <Checkbox
                label={item.name}
                checked={selected.includes(item.id)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...selected, item.id]
                      : selected.filter((id) => id !== item.id),
                  )
                }
              />
              {item.hint ? <span className="text-xs text-zinc-400">{item.hint}</span> : null}
            </div>
          ))}
          {footer}
        </div>
      </div>
      {error ? <p className="text-xs text-red-600 dark:text-red-400">{error}</p> : null}
    </div>
  );
}

/** Create a suite, or edit one (name, members, gate, repeats, labels). */
export function SuiteFormDialog({
  open,
  onClose,
  suite,
}: {
  open: boolean;
  onClose: () => void;
  suite?: SuiteDetail;
}) {
  const router = useRouter();
  const project = useProjectSlug();
  const save = useSaveSuite(suite?.id);
  const scenarios = useScenarios({});
  const targets = useTargets();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [labels, setLabels] = useState("");
  const [scenarioIds, setScenarioIds] = useState<string[]>([]);
  const [targetIds, setTargetIds] = useState<string[]>([]);
  const [repeat, setRepeat] = useState("1");
  const [threshold, setThreshold] = useState("100");
  const [concurrency, setConcurrency] = useState("");

  useEffect(() => {
    if (!open) return;
    setName(suite?.name ?? "");
    setDescription(suite?.description ?? "");
    setLabels(suite?.labels.join(", ") ?? "");
    setScenarioIds(suite?.scenario_ids ?? []);
    setTargetIds(suite?.target_ids ?? []);
    setRepeat(String(suite?.repeat_count ?? 1));
    setThreshold(String(Math.round((suite?.pass_threshold ?? 1) * 1000) / 10));
    setConcurrency(suite?.max_concurrency ? String(suite.max_concurrency) : "");
    save.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when opened
  }, [open, suite?.id]);

  const error = isProblem(save.error) ? save.error : null;
  const scenarioItems = (scenarios.data?.pages.flatMap((p) => p.data) ?? []).filter(
    (s) => !s.archived,
  );
  const targetItems = (targets.data?.data ?? [])
    .filter((t) => !t.archived)
    .map((t) => ({ id: t.id, name: t.name, hint: t.type }));

  const submit = () => {
    save.mutate(
      {
        name: name.trim(),
        description: description.trim() || null,
        labels: labels
          .split(",")
          .map((l) => l.trim())
          .filter(Boolean),
        scenario_ids: scenarioIds,
        target_ids: targetIds,
        repeat_count: Number(repeat),
        pass_threshold: Number(threshold) / 100,
        max_concurrency: concurrency ? Number(concurrency) : null,
      },
      {
        onSuccess: (saved) => {
          onClose();
          if (!suite) router.push(`/p/${project}/suites/${saved.slug}`);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={suite ? `Edit “${suite.name}”` : "New suite"}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="suite-form" loading={save.isPending}>
            {suite ? "Save changes" : "Create suite"}
          </Button>
        </>
      }
    >
      <form
        id="suite-form"
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label="Name"
            error={error?.fieldMessage("name")}
            value={name}
            onValueChange={setName}
            required
            autoFocus
          />
          <TextField
            label="Labels"
            hint="Comma separated"
            error={error?.fieldMessage("labels")}
            value={labels}
            onValueChange={setLabels}
            placeholder="smoke, nightly"
          />
        </div>
        <Field label="Description" error={error?.fieldMessage("description")}>
          {(p) => (
            <Textarea
              {...p}
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
        <div className="grid gap-4 md:grid-cols-2">
          <IdPicker
            label="Scenarios"
            items={scenarioItems}
            selected={scenarioIds}
            onChange={setScenarioIds}
            error={error?.fieldMessage("scenario_ids")}
            footer={
              scenarios.hasNextPage ? (
                <Button
                  size="xs"
                  variant="ghost"
                  loading={scenarios.isFetchingNextPage}
                  onClick={() => void scenarios.fetchNextPage()}
                >
                  Load more
                </Button>
              ) : null
            }
          />
          <IdPicker
            label="Targets"
            items={targetItems}
            selected={targetIds}
            onChange={setTargetIds}
            error={error?.fieldMessage("target_ids")}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Gate: pass rate ≥ (%)"
            error={error?.fieldMessage("pass_threshold")}
            value={threshold}
            onValueChange={setThreshold}
            type="number"
            min={0}
            max={100}
            step="0.1"
            inputClassName="tabular"
          />
          <TextField
            label="Repeats"
            error={error?.fieldMessage("repeat_count")}
            value={repeat}
            onValueChange={setRepeat}
            type="number"
            min={1}
            max={100}
            inputClassName="tabular"
          />
          <TextField
            label="Max concurrency"
            hint="Empty: no suite limit"
            error={error?.fieldMessage("max_concurrency")}
            value={concurrency}
            onValueChange={setConcurrency}
            type="number"
            min={1}
            inputClassName="tabular"
          />
        </div>
        {error && error.errors.length === 0 ? <ErrorState error={error} title="Not saved" /> : null}
        {save.isError && !error ? <ErrorState error={save.error} title="Not saved" /> : null}
      </form>
    </Dialog>
  );
}
