"use client";

import { useState } from "react";
import { useCreateSecret, useDeleteSecret, useSecrets } from "@/lib/client/hooks/settings";
import { useIsAdmin } from "@/lib/client/project";
import { isProblem } from "@/lib/client/fetch";
import type { Secret } from "@/lib/client/types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/input";
import { Section } from "@/components/ui/layout";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, THead, Td, Th, Tr } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";

/** Write-only: a value goes in, and is never shown again (not here, not in logs, exports or reports). */
export function SecretsSection() {
  const admin = useIsAdmin();
  const secrets = useSecrets();
  const create = useCreateSecret();
  const remove = useDeleteSecret();
  const toast = useToast();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [deleting, setDeleting] = useState<Secret | null>(null);
  const problem = isProblem(create.error) ? create.error : null;
  const existing = secrets.data?.data.some((s) => s.name === name.trim());

  return (
    <div className="space-y-5">
      {admin ? (
        <Section
          title="Add or rotate a secret"
          description="Reference it in a target as {{secrets.NAME}}. Saving an existing name replaces its value."
        >
          <form
            className="flex flex-wrap items-end gap-3 p-4"
            autoComplete="off"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(
                { name: name.trim(), value },
                {
                  onSuccess: (s) => {
                    toast(`Secret ${s.name} saved`, "success");
                    setName("");
                    setValue("");
                  },
                },
              );
            }}
          >
            <TextField
              label="Name"
              error={problem?.fieldMessage("name")}
              className="w-64"
              value={name}
              onValueChange={setName}
              placeholder="OPENAI_API_KEY"
              inputClassName="font-mono"
              required
              name="secret-name"
              pattern="[A-Za-z_][A-Za-z0-9_]{0,63}"
            />
            <TextField
              label="Value"
              error={problem?.fieldMessage("value")}
              className="w-80"
              value={value}
              onValueChange={setValue}
              type="password"
              required
              name="secret-value"
              autoComplete="new-password"
            />
            <Button
              type="submit"
              variant="primary"
              loading={create.isPending}
              disabled={!name.trim() || !value}
              data-testid="save-secret"
            >
              {existing ? "Rotate" : "Save secret"}
            </Button>
            {problem && !problem.errors.length ? (
              <ErrorState error={problem} title="Not saved" className="w-full" />
            ) : null}
          </form>
        </Section>
      ) : null}
      {secrets.isPending ? (
        <LoadingRows rows={2} />
      ) : secrets.isError ? (
        <ErrorState
          error={secrets.error}
          title="Could not load secrets"
          onRetry={() => void secrets.refetch()}
        />
      ) : secrets.data.data.length === 0 ? (
        <EmptyState title="No secrets yet">
          Store your agent&apos;s and your LLM provider&apos;s keys here instead of in target
          configs.
        </EmptyState>
      ) : (
        <Table>
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Value</Th>
              <Th>Created</Th>
              <Th>Updated</Th>
              <Th className="w-px">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <tbody>
            {secrets.data.data.map((s) => (
              <Tr key={s.id} data-testid="secret-row">
                <Td className="font-mono text-[12.5px] font-medium">{s.name}</Td>
                <Td className="text-zinc-400" aria-label="hidden">
                  ••••••••
                </Td>
                <Td className="text-zinc-500">
                  <RelativeTime iso={s.created_at} />
                </Td>
                <Td className="text-zinc-500">
                  <RelativeTime iso={s.updated_at} />
                </Td>
                <Td>
                  {admin ? (
                    <Button size="xs" variant="outline-danger" onClick={() => setDeleting(s)}>
                      Delete
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={!!deleting}
        onClose={() => setDeleting(null)}
        title={`Delete ${deleting?.name}?`}
        description="Targets that reference it will error until it is added again."
        confirmLabel="Delete secret"
        pending={remove.isPending}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
      />
    </div>
  );
}
