"use client";

import { useMemo, useState } from "react";
import { useArchiveScenario, useScenario, useScenarios } from "@/lib/client/hooks/scenarios";
import { useCanWrite } from "@/lib/client/project";
import { useDebounced, useUrlParams } from "@/lib/client/use-url-state";
import type { Scenario } from "@/lib/client/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { PageHeader } from "@/components/ui/layout";
import { SearchInput } from "@/components/ui/search-input";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, THead, Td, Th, Tr } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { IconPlus, IconScenarios, IconX } from "@/components/ui/icons";
import { ScenarioFormDialog } from "@/components/scenarios/scenario-form";

function inputPreview(s: Scenario): string {
  if (s.turns?.length) return s.turns.join(" → ");
  return typeof s.input === "string" ? s.input : JSON.stringify(s.input);
}

export function ScenariosView() {
  const canWrite = useCanWrite();
  const { params, set } = useUrlParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const query = useDebounced(q.trim());
  const tag = params.get("tag") ?? "";
  const list = useScenarios({ q: query || undefined, tag: tag || undefined });
  const editId = params.get("edit");
  const editing = useScenario(editId && editId !== "new" ? editId : null);
  const archive = useArchiveScenario();
  const [archiving, setArchiving] = useState<Scenario | null>(null);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const formOpen = editId === "new" || (!!editId && !!editing.data);

  return (
    <div>
      <PageHeader
        title="Scenarios"
        description="Test cases: an input, optionally scripted turns and an expected output, and the scorers that judge the answer."
        actions={
          canWrite ? (
            <Button
              variant="primary"
              icon={<IconPlus size={14} />}
              onClick={() => set({ edit: "new" })}
            >
              New scenario
            </Button>
          ) : null
        }
      />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <SearchInput
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            set({ q: e.target.value.trim() || null });
          }}
          placeholder="Search by name"
          aria-label="Search scenarios by name"
          className="w-72"
        />
        {tag ? (
          <button
            type="button"
            onClick={() => set({ tag: null })}
            className="inline-flex h-7 items-center gap-1 rounded-full border border-accent-300 bg-accent-50 px-2.5 text-[12px] text-accent-700 dark:border-accent-700 dark:bg-accent-950/60 dark:text-accent-300"
          >
            tag: {tag} <IconX size={12} />
          </button>
        ) : null}
      </div>
      {list.isPending ? (
        <LoadingRows />
      ) : list.isError ? (
        <ErrorState
          error={list.error}
          title="Could not load scenarios"
          onRetry={() => void list.refetch()}
        />
      ) : rows.length === 0 ? (
        query || tag ? (
          <EmptyState
            title="No scenarios match"
            action={
              <Button onClick={() => (setQ(""), set({ q: null, tag: null }))}>Clear filters</Button>
            }
          />
        ) : (
          <EmptyState
            icon={<IconScenarios size={28} />}
            title="No scenarios yet"
            action={
              canWrite ? (
                <Button variant="primary" onClick={() => set({ edit: "new" })}>
                  Create a scenario
                </Button>
              ) : null
            }
          >
            Or import CSV, JSONL or promptfoo YAML through the API.
          </EmptyState>
        )
      ) : (
        <>
          <Table>
            <THead>
              <tr>
                <Th>Scenario</Th>
                <Th className="hidden lg:table-cell">Input</Th>
                <Th>Scorers</Th>
                <Th className="hidden md:table-cell">Updated</Th>
                <Th className="w-px">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <tbody>
              {rows.map((s) => (
                <Tr key={s.id} data-testid="scenario-row">
                  <Td className="max-w-sm">
                    <button
                      type="button"
                      onClick={() => set({ edit: s.id })}
                      className="text-left font-medium hover:underline"
                    >
                      {s.name}
                    </button>
                    <div className="mt-0.5 flex flex-wrap gap-1">
                      {s.turns?.length ? <Badge tone="blue">{s.turns.length} turns</Badge> : null}
                      {s.simulation ? <Badge tone="blue">simulated user</Badge> : null}
                      {s.archived ? <Badge>archived</Badge> : null}
                      {s.tags.map((t) => (
                        <button
                          key={t}
                          type="button"
                          onClick={() => set({ tag: t })}
                          className="rounded bg-zinc-100 px-1.5 py-px text-[11px] text-zinc-600 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:hover:bg-zinc-700"
                        >
                          {t}
                        </button>
                      ))}
                    </div>
                  </Td>
                  <Td className="hidden max-w-md truncate font-mono text-[12px] text-zinc-500 lg:table-cell">
                    {inputPreview(s)}
                  </Td>
                  <Td>
                    <div className="flex flex-wrap gap-1">
                      {s.scorers.map((sc, i) => (
                        <Badge key={i} tone="neutral" title={sc.name}>
                          {sc.type}
                        </Badge>
                      ))}
                    </div>
                  </Td>
                  <Td className="hidden text-zinc-500 md:table-cell">
                    <RelativeTime iso={s.updated_at} />
                  </Td>
                  <Td className="text-right whitespace-nowrap">
                    {canWrite ? (
                      <>
                        <Button size="xs" variant="ghost" onClick={() => set({ edit: s.id })}>
                          Edit
                        </Button>
                        {!s.archived ? (
                          <Button size="xs" variant="ghost" onClick={() => setArchiving(s)}>
                            Archive
                          </Button>
                        ) : null}
                      </>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          {list.hasNextPage ? (
            <div className="mt-3 flex justify-center">
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          ) : null}
        </>
      )}
      {editId && editId !== "new" && editing.isError ? (
        <ErrorState className="mt-3" error={editing.error} title="Could not open that scenario" />
      ) : null}
      <ScenarioFormDialog
        open={formOpen}
        onClose={() => set({ edit: null })}
        scenario={editId === "new" ? null : editing.data}
      />
      <Dialog
        open={!!archiving}
        onClose={() => setArchiving(null)}
        size="sm"
        title={`Archive “${archiving?.name}”?`}
        description="Suites skip archived scenarios and report them as skipped. Past results stay."
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
