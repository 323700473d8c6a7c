"use client";

import { useState } from "react";
import {
  useCreateWebhook,
  useDeleteWebhook,
  useTestWebhook,
  useWebhookDeliveries,
  useWebhookDelivery,
  useWebhooks,
} from "@/lib/client/hooks/settings";
import { useIsAdmin } from "@/lib/client/project";
import { isProblem } from "@/lib/client/fetch";
import type { Webhook, WebhookDelivery, WebhookDeliveryStatus } from "@/lib/client/types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RevealOnce } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/components/ui/format";
import { Checkbox, TextField } from "@/components/ui/input";
import { JsonView } from "@/components/ui/json-view";
import { Section } from "@/components/ui/layout";
import { EmptyState, ErrorState, InlineLoading, LoadingRows } from "@/components/ui/states";
import { RelativeTime } from "@/components/ui/time";
import { IconAlert, IconCheck, IconChevronDown, IconChevronRight } from "@/components/ui/icons";

const EVENTS = [
  {
    value: "suite_run.completed",
    label: "suite_run.completed — a suite run finished (with its verdict)",
  },
  { value: "run.completed", label: "run.completed — every single run (busy)" },
];

const DELIVERY_TONE: Record<WebhookDeliveryStatus, BadgeTone> = {
  succeeded: "green",
  failed: "red",
  pending: "amber",
};

function DeliveryStatus({ status }: { status: WebhookDeliveryStatus }) {
  return (
    <Badge tone={DELIVERY_TONE[status]} className="w-fit">
      {status}
    </Badge>
  );
}

const GRID = "grid grid-cols-[minmax(0,1fr)_88px_64px_64px_96px] items-center gap-x-3";

/** The payload that was sent, and the full error, of one delivery. */
function DeliveryDetail({ webhookId, delivery }: { webhookId: string; delivery: WebhookDelivery }) {
  const detail = useWebhookDelivery(webhookId, delivery.id);
  return (
    <div className="space-y-2 pt-1 pb-3 pl-5" data-testid="delivery-detail">
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
        <div>
          <dt className="inline">Delivery </dt>
          <dd className="inline font-mono text-zinc-700 dark:text-zinc-300">{delivery.id}</dd>
        </div>
        <div>
          <dt className="inline">Created </dt>
          <dd className="inline text-zinc-700 dark:text-zinc-300">
            {formatDateTime(delivery.created_at)}
          </dd>
        </div>
        <div>
          <dt className="inline">Delivered </dt>
          <dd className="inline text-zinc-700 dark:text-zinc-300">
            {delivery.delivered_at ? formatDateTime(delivery.delivered_at) : "not yet"}
          </dd>
        </div>
      </dl>
      {delivery.error ? (
        <p className="text-xs break-words text-red-700 dark:text-red-300">{delivery.error}</p>
      ) : null}
      {detail.isPending ? (
        <InlineLoading label="Loading payload…" />
      ) : detail.isError ? (
        <ErrorState
          error={detail.error}
          title="Could not load the payload"
          onRetry={() => void detail.refetch()}
        />
      ) : (
        <JsonView value={detail.data.payload} maxHeight="18rem" />
      )}
    </div>
  );
}

function DeliveryRow({ webhookId, delivery: d }: { webhookId: string; delivery: WebhookDelivery }) {
  const [open, setOpen] = useState(false);
  return (
    <li data-testid="delivery-row">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          GRID,
          "w-full rounded px-1 py-1.5 text-left hover:bg-zinc-50 dark:hover:bg-zinc-800/50",
        )}
        title="Show the payload"
      >
        <span className="flex min-w-0 items-center gap-1.5">
          {open ? (
            <IconChevronDown size={12} className="shrink-0 text-zinc-400" />
          ) : (
            <IconChevronRight size={12} className="shrink-0 text-zinc-400" />
          )}
          <span className="truncate font-mono">{d.event}</span>
        </span>
        <DeliveryStatus status={d.status} />
        <span className="tabular text-zinc-600 dark:text-zinc-400">{d.response_status ?? "—"}</span>
        <span className="tabular text-zinc-600 dark:text-zinc-400">{d.attempts}</span>
        <RelativeTime iso={d.created_at} className="text-zinc-500" />
        {d.error && !open ? (
          <span className="col-span-full truncate pt-0.5 pl-[18px] text-xs text-red-700 dark:text-red-300">
            {d.error}
          </span>
        ) : null}
      </button>
      {open ? <DeliveryDetail webhookId={webhookId} delivery={d} /> : null}
    </li>
  );
}

/** The delivery log of one webhook, newest first, 20 at a time. */
function Deliveries({ id }: { id: string }) {
  const log = useWebhookDeliveries(id);
  if (log.isPending) return <InlineLoading />;
  if (log.isError)
    return (
      <ErrorState
        error={log.error}
        title="Could not load deliveries"
        onRetry={() => void log.refetch()}
      />
    );
  const deliveries = log.data.pages.flatMap((p) => p.data);
  if (deliveries.length === 0)
    return (
      <p className="py-1 text-[12.5px] text-zinc-500 dark:text-zinc-400">
        No deliveries yet. Send a test event to check that the endpoint is reachable.
      </p>
    );
  return (
    <div className="text-[12.5px]" data-testid="delivery-log">
      <div
        className={cn(
          GRID,
          "px-1 pb-1 text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400",
        )}
        aria-hidden="true"
      >
        <span className="pl-[18px]">Event</span>
        <span>Status</span>
        <span>HTTP</span>
        <span>Attempts</span>
        <span>When</span>
      </div>
      <ul className="divide-y divide-zinc-100 border-t border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800">
        {deliveries.map((d) => (
          <DeliveryRow key={d.id} webhookId={id} delivery={d} />
        ))}
      </ul>
      {log.hasNextPage ? (
        <Button
          size="xs"
          variant="ghost"
          className="mt-1"
          loading={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          Load older deliveries
        </Button>
      ) : null}
    </div>
  );
}

/** What the last "Send test event" did, in the row. */
function TestResult({ result, error }: { result?: WebhookDelivery; error: unknown }) {
  if (error) return <ErrorState error={error} title="Test event not sent" />;
  if (!result) return null;
  const ok = result.status === "succeeded";
  return (
    <div
      role="status"
      data-testid="webhook-test-result"
      className={cn(
        "flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border px-3 py-2 text-[12.5px]",
        ok
          ? "border-emerald-200 bg-emerald-50/60 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/30 dark:text-emerald-300"
          : "border-red-200 bg-red-50/60 text-red-800 dark:border-red-900/60 dark:bg-red-950/30 dark:text-red-300",
      )}
    >
      {ok ? <IconCheck size={14} /> : <IconAlert size={14} />}
      <span className="font-medium">
        {ok ? "Test event delivered" : "Test event failed"}
        {result.response_status ? ` · HTTP ${result.response_status}` : ""}
      </span>
      {result.error ? <span className="min-w-0 break-words">{result.error}</span> : null}
    </div>
  );
}

function WebhookRow({ hook, onDelete }: { hook: Webhook; onDelete: () => void }) {
  const [open, setOpen] = useState(false);
  const test = useTestWebhook(hook.id);
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
            <IconChevronDown size={14} className="shrink-0 text-zinc-400" />
          ) : (
            <IconChevronRight size={14} className="shrink-0 text-zinc-400" />
          )}
          <span className="truncate font-mono text-[12.5px]">{hook.url}</span>
        </button>
        {hook.events.map((e) => (
          <Badge key={e}>{e}</Badge>
        ))}
        <RelativeTime iso={hook.created_at} className="text-xs text-zinc-500" />
        <Button
          size="xs"
          loading={test.isPending}
          onClick={() => test.mutate(undefined, { onSettled: () => setOpen(true) })}
        >
          Send test event
        </Button>
        <Button size="xs" variant="outline-danger" onClick={onDelete}>
          Delete
        </Button>
      </div>
      {test.data || test.error ? (
        <div className="px-9 pb-2">
          <TestResult result={test.data} error={test.error} />
        </div>
      ) : null}
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
            <TextField
              label="URL"
              error={problem?.fieldMessage("url")}
              value={url}
              onValueChange={setUrl}
              type="url"
              placeholder="https://ci.example.com/hooks/assay"
              inputClassName="font-mono"
              required
            />
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
            <WebhookRow
              key={h.id}
              hook={h}
              onDelete={() => {
                remove.reset();
                setDeleting(h);
              }}
            />
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
      >
        {remove.error ? <ErrorState error={remove.error} title="Not deleted" /> : null}
      </Dialog>
    </div>
  );
}
