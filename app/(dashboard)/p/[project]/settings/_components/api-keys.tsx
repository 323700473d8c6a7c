"use client";

import { useState } from "react";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "@/lib/client/hooks/settings";
import { useIsAdmin } from "@/lib/client/project";
import { isProblem } from "@/lib/client/fetch";
import type { ApiKey } from "@/lib/client/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RevealOnce } from "@/components/ui/copy-button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Select, TextField } from "@/components/ui/input";
import { Section } from "@/components/ui/layout";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, THead, Td, Th, Tr } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";

const SCOPES: { value: ApiKey["scope"]; label: string }[] = [
  { value: "run", label: "run — trigger and read runs (CI)" },
  { value: "read", label: "read — read results only" },
  { value: "admin", label: "admin — everything, incl. keys and webhooks" },
];

export function ApiKeysSection() {
  const admin = useIsAdmin();
  const keys = useApiKeys(admin);
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<ApiKey["scope"]>("run");
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const problem = isProblem(create.error) ? create.error : null;

  if (!admin) {
    return (
      <EmptyState title="Only owners and admins manage API keys">
        Ask an owner of this project for a key for your CI.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-5">
      <Section
        title="Create an API key"
        description="For CI pipelines, SDKs and scripts. Send it as Authorization: Bearer <key>."
      >
        <div className="space-y-4 p-4">
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ name: name.trim(), scope }, { onSuccess: () => setName("") });
            }}
          >
            <TextField
              label="Name"
              error={problem?.fieldMessage("name")}
              className="w-64"
              value={name}
              onValueChange={setName}
              placeholder="GitHub Actions"
              required
              name="key-name"
            />
            <Field label="Scope" className="w-80">
              {(p) => (
                <Select
                  {...p}
                  value={scope}
                  onChange={(e) => setScope(e.target.value as ApiKey["scope"])}
                  name="key-scope"
                >
                  {SCOPES.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Button
              type="submit"
              variant="primary"
              loading={create.isPending}
              disabled={!name.trim()}
              data-testid="create-api-key"
            >
              Create key
            </Button>
          </form>
          {create.data?.key ? (
            <div
              className="rounded-lg border border-emerald-200 bg-emerald-50/60 p-3 dark:border-emerald-900 dark:bg-emerald-950/30"
              data-testid="new-key"
            >
              <p className="mb-2 text-[13px] font-medium">
                Key “{create.data.name}” created ({create.data.scope}).
              </p>
              <RevealOnce value={create.data.key} testId="api-key-value" />
              <Button size="xs" variant="ghost" className="mt-2" onClick={() => create.reset()}>
                I have copied it
              </Button>
            </div>
          ) : null}
          {problem && !problem.errors.length ? (
            <ErrorState error={problem} title="No key created" />
          ) : null}
        </div>
      </Section>
      {keys.isPending ? (
        <LoadingRows rows={2} />
      ) : keys.isError ? (
        <ErrorState
          error={keys.error}
          title="Could not load keys"
          onRetry={() => void keys.refetch()}
        />
      ) : keys.data.data.length === 0 ? (
        <EmptyState title="No API keys yet" />
      ) : (
        <Table>
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Scope</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th className="w-px">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <tbody>
            {keys.data.data.map((k) => (
              <Tr key={k.id} data-testid="api-key-row">
                <Td className="font-medium">{k.name}</Td>
                <Td className="font-mono text-[12.5px] text-zinc-600 dark:text-zinc-400">
                  {k.prefix}…{k.last4}
                </Td>
                <Td>
                  <Badge
                    tone={k.scope === "admin" ? "amber" : k.scope === "run" ? "accent" : "neutral"}
                  >
                    {k.scope}
                  </Badge>
                </Td>
                <Td className="text-zinc-500">
                  <RelativeTime iso={k.created_at} />
                </Td>
                <Td className="text-zinc-500">
                  {k.last_used_at ? <RelativeTime iso={k.last_used_at} /> : "never"}
                </Td>
                <Td>
                  <Button size="xs" variant="outline-danger" onClick={() => setRevoking(k)}>
                    Revoke
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={!!revoking}
        onClose={() => setRevoking(null)}
        title={`Revoke “${revoking?.name}”?`}
        description="Requests with this key fail with 401 at once. This cannot be undone."
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        onConfirm={() =>
          revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })
        }
      />
    </div>
  );
}
