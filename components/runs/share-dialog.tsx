"use client";

import { useEffect, useState } from "react";
import {
  useCreateShareLink,
  useRevokeShareLink,
  useShareLinks,
} from "@/lib/client/hooks/suite-runs";
import { Button } from "@/components/ui/button";
import { RevealOnce } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/input";
import { ErrorState, InlineLoading } from "@/components/ui/states";
import { formatDateTime, shortId } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/time";
import { Badge } from "@/components/ui/badge";

const EXPIRY = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "1", label: "1 day" },
  { value: "", label: "Never" },
];

/** A read-only report link for stakeholders: no login, nothing secret. The URL is shown once. */
export function ShareDialog({
  suiteRunId,
  open,
  onClose,
  canWrite,
}: {
  suiteRunId: string;
  open: boolean;
  onClose: () => void;
  canWrite: boolean;
}) {
  const [expires, setExpires] = useState("30");
  const create = useCreateShareLink(suiteRunId);
  const revoke = useRevokeShareLink();
  const links = useShareLinks(suiteRunId);
  useEffect(() => {
    if (open) create.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset on open
  }, [open]);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Share a report"
      description="Anyone with the link can read this run's report: verdict, counts, breakdowns and failing cases. No inputs, configs or secrets."
      footer={<Button onClick={onClose}>Done</Button>}
    >
      <div className="space-y-5">
        {create.data ? (
          <div>
            <p className="mb-2 text-[13px] font-medium">
              Link created
              {create.data.expires_at
                ? `, expires ${formatDateTime(create.data.expires_at)}`
                : ", never expires"}
            </p>
            <RevealOnce
              value={create.data.url}
              testId="share-url"
              note="Copy it now: the link is shown only once. Revoke it below or in Settings."
            />
          </div>
        ) : canWrite ? (
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(expires ? { expires_in_days: Number(expires) } : {});
            }}
          >
            <Field label="Expires after" className="w-40">
              {(p) => (
                <Select {...p} value={expires} onChange={(e) => setExpires(e.target.value)}>
                  {EXPIRY.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Button
              type="submit"
              variant="primary"
              loading={create.isPending}
              data-testid="create-share"
            >
              Create link
            </Button>
          </form>
        ) : (
          <p className="text-[13px] text-zinc-500">Viewers cannot create share links.</p>
        )}
        {create.isError ? <ErrorState error={create.error} title="No link created" /> : null}
        <div>
          <h3 className="mb-1.5 text-[12px] font-medium text-zinc-500 dark:text-zinc-400">
            Links to this run
          </h3>
          {links.isPending ? (
            <InlineLoading />
          ) : links.isError ? (
            <ErrorState error={links.error} title="Could not list links" />
          ) : links.data.data.length === 0 ? (
            <p className="text-[13px] text-zinc-500">None yet.</p>
          ) : (
            <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 text-[13px] dark:divide-zinc-800 dark:border-zinc-800">
              {links.data.data.map((l) => (
                <li key={l.id} className="flex items-center gap-3 px-3 py-2">
                  <span className="font-mono text-[12px] text-zinc-500" title={l.id}>
                    {shortId(l.id)}
                  </span>
                  <span className="text-xs whitespace-nowrap text-zinc-500">
                    created <RelativeTime iso={l.created_at} />
                  </span>
                  <span className="ml-auto">
                    {l.revoked ? (
                      <Badge>revoked</Badge>
                    ) : l.expires_at && new Date(l.expires_at) < new Date() ? (
                      <Badge tone="amber">expired</Badge>
                    ) : (
                      <span
                        className="text-xs whitespace-nowrap text-zinc-500"
                        title={l.expires_at ? formatDateTime(l.expires_at) : undefined}
                      >
                        {l.expires_at
                          ? `expires ${new Date(l.expires_at).toLocaleDateString("en-US", { month: "short", day: "numeric" })}`
                          : "no expiry"}
                      </span>
                    )}
                  </span>
                  {!l.revoked && canWrite ? (
                    <Button
                      size="xs"
                      variant="outline-danger"
                      loading={revoke.isPending && revoke.variables === l.id}
                      onClick={() => revoke.mutate(l.id)}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Dialog>
  );
}
