"use client";

import { useState } from "react";
import { useArchiveTarget, useTargets } from "@/lib/client/hooks/targets";
import { useCanWrite } from "@/lib/client/project";
import { useUrlParams } from "@/lib/client/use-url-state";
import type { Target } from "@/lib/client/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { PageHeader } from "@/components/ui/layout";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, THead, Td, Th, Tr } from "@/components/ui/table";
import { IconPlus, IconTargets } from "@/components/ui/icons";
import { formatDuration } from "@/components/ui/format";
import { TargetFormDialog } from "@/components/targets/target-form";

function summary(t: Target): string {
  const c = t.config;
  if (t.type === "http") return `${String(c.method ?? "POST")} ${String(c.url ?? "")}`;
  if (t.type === "prompt") return `${String(c.model ?? "")} @ ${String(c.base_url ?? "")}`;
  if (t.type === "workflow") return `${Array.isArray(c.steps) ? c.steps.length : 0} steps`;
  return "sandboxed JavaScript";
}

export function TargetsView() {
  const canWrite = useCanWrite();
  const targets = useTargets();
  const { params, set } = useUrlParams();
  const editId = params.get("edit");
  const archive = useArchiveTarget();
  const [archiving, setArchiving] = useState<Target | null>(null);
  const rows = targets.data?.data ?? [];
  const editing = editId && editId !== "new" ? rows.find((t) => t.id === editId) : null;

  return (
    <div>
      <PageHeader
        title="Targets"
        description="The agents and prompts under test. Secrets are referenced, never stored in a config."
        actions={
          canWrite ? (
            <Button
              variant="primary"
              icon={<IconPlus size={14} />}
              onClick={() => set({ edit: "new" })}
            >
              New target
            </Button>
          ) : null
        }
      />
      {targets.isPending ? (
        <LoadingRows rows={3} />
      ) : targets.isError ? (
        <ErrorState
          error={targets.error}
          title="Could not load targets"
          onRetry={() => void targets.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconTargets size={28} />}
          title="No targets yet"
          action={
            canWrite ? (
              <Button variant="primary" onClick={() => set({ edit: "new" })}>
                Add a target
              </Button>
            ) : null
          }
        >
          Point Assay at your agent&apos;s HTTP endpoint, or test a prompt directly against a model.
        </EmptyState>
      ) : (
        <Table>
          <THead>
            <tr>
              <Th>Target</Th>
              <Th>Type</Th>
              <Th className="hidden lg:table-cell">Endpoint</Th>
              <Th className="hidden md:table-cell">Limits</Th>
              <Th className="w-px">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <tbody>
            {rows.map((t) => (
              <Tr key={t.id} data-testid="target-row">
                <Td className="max-w-xs">
                  <button
                    type="button"
                    onClick={() => set({ edit: t.id })}
                    className="text-left font-medium hover:underline"
                  >
                    {t.name}
                  </button>
                  {t.description ? (
                    <p className="truncate text-xs text-zinc-500">{t.description}</p>
                  ) : null}
                  {t.archived ? <Badge>archived</Badge> : null}
                </Td>
                <Td>
                  <Badge tone="accent">{t.type}</Badge>
                </Td>
                <Td className="hidden max-w-md truncate font-mono text-[12px] text-zinc-500 lg:table-cell">
                  {summary(t)}
                </Td>
                <Td className="hidden text-[12.5px] text-zinc-500 tabular md:table-cell">
                  timeout {formatDuration(t.timeout_ms)} · {t.retries} retries
                  {t.max_concurrency ? ` · ≤${t.max_concurrency} parallel` : ""}
                  {t.rate_limit_per_s ? ` · ${t.rate_limit_per_s}/s` : ""}
                </Td>
                <Td className="text-right whitespace-nowrap">
                  <Button size="xs" variant="ghost" onClick={() => set({ edit: t.id })}>
                    {canWrite ? "Edit · Test" : "Test"}
                  </Button>
                  {canWrite && !t.archived ? (
                    <Button size="xs" variant="ghost" onClick={() => setArchiving(t)}>
                      Archive
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <TargetFormDialog
        open={editId === "new" || !!editing}
        onClose={() => set({ edit: null })}
        target={editing}
      />
      <Dialog
        open={!!archiving}
        onClose={() => setArchiving(null)}
        size="sm"
        title={`Archive “${archiving?.name}”?`}
        description="Suites skip archived targets and report them as skipped. Past results stay."
        footer={
          <>
            <Button variant="ghost" onClick={() => setArchiving(null)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              loading={archive.isPending}
              onClick={() =>
                archiving && archive.mutate(archiving.id, { onSuccess: () => setArchiving(null) })
              }
            >
              Archive
            </Button>
          </>
        }
      />
    </div>
  );
}
