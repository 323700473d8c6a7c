"use client";

import { useState } from "react";
import {
  useCreateWebhook,
  useDeleteWebhook,
  useWebhook,
  useWebhooks,
} from "@/lib/client/hooks/settings";
import { useIsAdmin } from "@/lib/client/project";
import { isProblem } from "@/lib/client/fetch";
import type { Webhook } from "@/lib/client/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RevealOnce } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Field, Input } from "@/components/ui/input";
import { Section } from "@/components/ui/layout";
import { EmptyState, ErrorState, InlineLoading, LoadingRows } from "@/components/ui/states";
import { RelativeTime } from "@/components/ui/time";
import { IconChevronDown, IconChevronRight } from "@/components/ui/icons";
import { StatusBadge } from "@/components/runs/status";

const EVENTS = [
  {
    value: "suite_run.completed",
    label: "suite_run.completed — a suite run finished (with its verdict)",
  },
  { value: "run.completed", label: "run.completed — every single run (busy)" },
];

function Deliveries({ id }: { id: string }) {
  const hook = useWebhook(id);
  if (hook.isPending) return <InlineLoading />;
  if (hook.isError) return <ErrorState error={hook.error} />;
  const deliveries = hook.data.deliveries;
  if (!deliveries)
    return (
      <p className="text-[12.5px] text-zinc-500">
        The delivery log is not available from the API yet.
      </p>
    );
  if (deliveries.length === 0)
    return <p className="text-[12.5px] text-zinc-500">No deliveries yet.</p>;
  return (
    <ul className="divide-y divide-zinc-100 text-[12.5px] dark:divide-zinc-800">
      {deliveries.map((d) => (
        <li key={d.id} className="flex items-center gap-3 py-1.5">
          <StatusBadge
            status={
              d.status === "delivered" || d.status === "succeeded"
                ? "passed"
                : d.status === "pending"
                  ? "queued"
                  : "failed"
            }
          />
          <span className="font-mono">{d.event}</span>
          {d.response_status ? (
            <span className="text-zinc-500">HTTP {d.response_status}</span>
          ) : null}
          {d.attempts ? <span className="text-zinc-500">{d.attempts} attempts</span> : null}
          <RelativeTime iso={d.created_at} className="ml-auto text-zinc-500" />
        </li>
      ))}
    </ul>
  );
}

function WebhookRow({ hook, onDelete }: { hook: Webhook; onDelete: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <li
      className="border-b border-zinc-100 last:border-0 dark:border-zinc-800"
      data-testid="webhook-row"
    >
      <div className="flex items-center gap-3 px-3 py-2 text-[13px]">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="flex min-w-0 flex-1 items-center gap-2 text-left"
          aria-label={`Deliveries of ${hook.url}`}
        >
          {open ? (
            <IconChevronDown size={14} className="text-zinc-400" />
          ) : (
            <IconChevronRight size={14} className="text-zinc-400" />
          )}
          <span className="truncate font-mono text-[12.5px]">{hook.url}</span>
        </button>
        {hook.events.map((e) => (
          <Badge key={e}>{e}</Badge>
        ))}
        <RelativeTime iso={hook.created_at} className="text-xs text-zinc-500" />
        <Button size="xs" variant="outline-danger" onClick={onDelete}>
          Delete
        </Button>
      </div>
      {open ? (
        <div className="border-t border-zinc-100 px-9 py-2 dark:border-zinc-800">
          <Deliveries id={hook.id} />
        </div>
      ) : null}
    </li>
  );
}

export function WebhooksSection() {
  const admin = useIsAdmin();
  const hooks = useWebhooks(admin);
  const create = useCreateWebhook();
  const remove = useDeleteWebhook();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["suite_run.completed"]);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const problem = isProblem(create.error) ? create.error : null;
  if (!admin) return <EmptyState title="Only owners and admins manage webhooks" />;
  return (
    <div className="space-y-5">
      <Section
        title="Add a webhook"
        description="Deliveries are POSTed as JSON, signed with HMAC-SHA256 in the Assay-Signature header (t=…,v1=…), and retried with backoff."
      >
        <div className="space-y-3 p-4">
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ url: url.trim(), events }, { onSuccess: () => setUrl("") });
            }}
          >
            <Field label="URL" error={problem?.fieldMessage("url")}>
              {(p) => (
                <Input
                  {...p}
                  type="url"
                  value={url}
                  onChange={(e) => setUrl(e.target.value)}
                  placeholder="https://ci.example.com/hooks/assay"
                  className="font-mono"
                  required
                />
              )}
            </Field>
            <fieldset className="flex flex-col gap-1.5">
              <legend className="mb-1 text-[13px] font-medium text-zinc-700 dark:text-zinc-300">
                Events
              </legend>
              {EVENTS.map((ev) => (
                <Checkbox
                  key={ev.value}
                  label={ev.label}
                  checked={events.includes(ev.value)}
                  onChange={(e) =>
                    setEvents(
                      e.target.checked
                        ? [...events, ev.value]
                        : events.filter((x) => x !== ev.value),
                    )
                  }
                  className="w-fit"
                />
              ))}
              {problem?.fieldMessage("events") ? (
                <p className="text-xs text-red-600">{problem.fieldMessage("events")}</p>
              ) : null}
            </fieldset>
            <Button
              type="submit"
              variant="primary"
              loading={create.isPending}
              disabled={!url.trim() || events.length === 0}
            >
              Add webhook
            </Button>
          </form>
          {create.data?.signing_secret ? (
            <div className="rounded-lg border border-emerald-200 bg-emerald-50/60 p-3 dark:border-emerald-900 dark:bg-emerald-950/30">
              <p className="mb-2 text-[13px] font-medium">Signing secret for {create.data.url}</p>
              <RevealOnce
                value={create.data.signing_secret}
                testId="webhook-secret"
                note="Use it to verify signatures. It will not be shown again."
              />
            </div>
          ) : null}
          {problem && !problem.errors.length ? (
            <ErrorState error={problem} title="Not added" />
          ) : null}
        </div>
      </Section>
      {hooks.isPending ? (
        <LoadingRows rows={2} />
      ) : hooks.isError ? (
        <ErrorState
          error={hooks.error}
          title="Could not load webhooks"
          onRetry={() => void hooks.refetch()}
        />
      ) : hooks.data.data.length === 0 ? (
        <EmptyState title="No webhooks yet">
          Get told when a suite run finishes, e.g. to post the verdict to Slack or gate a deploy.
        </EmptyState>
      ) : (
        <ul className="rounded-lg border border-zinc-200 dark:border-zinc-800">
          {hooks.data.data.map((h) => (
            <WebhookRow key={h.id} hook={h} onDelete={() => setDeleting(h)} />
          ))}
        </ul>
      )}
      <Dialog
        open={!!deleting}
        onClose={() => setDeleting(null)}
        size="sm"
        title="Delete this webhook?"
        description={deleting?.url}
        footer={
          <>
            <Button variant="ghost" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() =>
                deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
              }
            >
              Delete webhook
            </Button>
          </>
        }
      />
    </div>
  );
}
