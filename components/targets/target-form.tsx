"use client";

import { useEffect, useState } from "react";
import { useSaveTarget, useTargets } from "@/lib/client/hooks/targets";
import { useSecrets } from "@/lib/client/hooks/settings";
import { isProblem } from "@/lib/client/fetch";
import type { Target, TargetType } from "@/lib/client/types";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea, TextField } from "@/components/ui/input";
import { Segmented } from "@/components/ui/layout";
import { ErrorState } from "@/components/ui/states";
import { TestCallPanel } from "./test-call-panel";
import { DEFAULT_CONFIG, TypeFields, type Config } from "./type-fields";

const TYPES: { value: TargetType; label: string }[] = [
  { value: "http", label: "HTTP agent" },
  { value: "prompt", label: "Prompt (LLM)" },
  { value: "code", label: "Code" },
  { value: "workflow", label: "Workflow" },
];

/** Create or edit a target with the fields of its type; a saved one can be test-called right here. */
export function TargetFormDialog({
  open,
  onClose,
  target,
}: {
  open: boolean;
  onClose: () => void;
  target?: Target | null;
}) {
  const save = useSaveTarget(target?.id);
  const targets = useTargets();
  const secrets = useSecrets();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [type, setType] = useState<TargetType>("http");
  const [configs, setConfigs] = useState<Record<TargetType, Config>>(DEFAULT_CONFIG);
  const [timeout, setTimeoutMs] = useState("30000");
  const [retries, setRetries] = useState("2");
  const [concurrency, setConcurrency] = useState("");
  const [rate, setRate] = useState("");
  const [jsonErrors, setJsonErrors] = useState<Record<string, string | null>>({});

  useEffect(() => {
    if (!open) return;
    setName(target?.name ?? "");
    setDescription(target?.description ?? "");
    setType(target?.type ?? "http");
    setConfigs(target ? { ...DEFAULT_CONFIG, [target.type]: target.config } : DEFAULT_CONFIG);
    setTimeoutMs(String(target?.timeout_ms ?? 30000));
    setRetries(String(target?.retries ?? 2));
    setConcurrency(target?.max_concurrency ? String(target.max_concurrency) : "");
    setRate(target?.rate_limit_per_s ? String(target.rate_limit_per_s) : "");
    setJsonErrors({});
    save.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset on open
  }, [open, target?.id]);

  const problem = isProblem(save.error) ? save.error : null;
  const blocked = Object.values(jsonErrors).some(Boolean);
  const submit = () =>
    save.mutate(
      {
        name: name.trim(),
        ...(target ? {} : { type }),
        description: description.trim() || null,
        config: configs[type],
        timeout_ms: Number(timeout),
        retries: Number(retries),
        max_concurrency: concurrency ? Number(concurrency) : null,
        rate_limit_per_s: rate ? Number(rate) : null,
      } as Parameters<typeof save.mutate>[0],
      { onSuccess: () => (target ? undefined : onClose()) },
    );

  return (
    <Dialog
      open={open}
      onClose={onClose}
      side
      title={target ? `Edit “${target.name}”` : "New target"}
      description="What is tested: your agent over HTTP, a prompt on an LLM, sandboxed code, or a workflow of those."
      footer={
        <>
          {target && save.isSuccess ? (
            <span className="mr-auto text-[13px] text-emerald-700 dark:text-emerald-400">
              Saved.
            </span>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
          <Button
            variant="primary"
            type="submit"
            form="target-form"
            loading={save.isPending}
            disabled={blocked}
          >
            {target ? "Save changes" : "Create target"}
          </Button>
        </>
      }
    >
      <div className="space-y-6">
        <form
          id="target-form"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Name"
              error={problem?.fieldMessage("name")}
              value={name}
              onValueChange={setName}
              required
              autoFocus
            />
            <div className="space-y-1">
              <span className="block text-[13px] font-medium text-zinc-700 dark:text-zinc-300">
                Type
              </span>
              {target ? (
                <p className="pt-1.5 font-mono text-[13px]">{target.type}</p>
              ) : (
                <Segmented<TargetType>
                  label="Target type"
                  value={type}
                  onChange={setType}
                  options={TYPES}
                />
              )}
            </div>
          </div>
          <Field label="Description">
            {(p) => (
              <Textarea
                {...p}
                rows={2}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            )}
          </Field>
          <TypeFields
            type={type}
            config={configs[type]}
            onChange={(next) => setConfigs({ ...configs, [type]: next })}
            onValidity={(key, e) => setJsonErrors((x) => ({ ...x, [key]: e }))}
            others={(targets.data?.data ?? []).filter((t) => t.id !== target?.id)}
            secretNames={secrets.data?.data.map((s) => s.name) ?? []}
          />
          <div className="grid gap-3 sm:grid-cols-4">
            <TextField
              label="Timeout (ms)"
              error={problem?.fieldMessage("timeout_ms")}
              value={timeout}
              onValueChange={setTimeoutMs}
              type="number"
              min={100}
            />
            <TextField
              label="Retries"
              error={problem?.fieldMessage("retries")}
              value={retries}
              onValueChange={setRetries}
              type="number"
              min={0}
              max={10}
            />
            <TextField
              label="Max concurrency"
              error={problem?.fieldMessage("max_concurrency")}
              value={concurrency}
              onValueChange={setConcurrency}
              type="number"
              min={1}
              placeholder="none"
            />
            <TextField
              label="Rate limit (/s)"
              error={problem?.fieldMessage("rate_limit_per_s")}
              value={rate}
              onValueChange={setRate}
              type="number"
              min={0}
              step="0.1"
              placeholder="none"
            />
          </div>
          {problem ? (
            <ErrorState
              error={
                problem.errors.length
                  ? { detail: problem.errors.map((e) => `${e.field}: ${e.message}`).join(" · ") }
                  : problem
              }
              title="Not saved"
            />
          ) : null}
        </form>
        {target ? (
          <TestCallPanel targetId={target.id} />
        ) : (
          <p className="text-[12.5px] text-zinc-500">Save the target to send it a test call.</p>
        )}
      </div>
    </Dialog>
  );
}
