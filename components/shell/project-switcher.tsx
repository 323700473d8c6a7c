"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useProjects } from "@/lib/client/hooks/projects";
import type { Project } from "@/lib/client/types";
import { Menu } from "@/components/ui/menu";
import { IconCheck, IconPlus, IconSelector } from "@/components/ui/icons";
import { NewProjectDialog } from "./new-project-dialog";

function Avatar({ name }: { name: string }) {
  return (
    <span className="inline-flex h-5 w-5 shrink-0 items-center justify-center rounded bg-gradient-to-br from-accent-500 to-accent-700 text-[11px] font-semibold text-white uppercase">
      {name.slice(0, 1)}
    </span>
  );
}

export function ProjectSwitcher({ current, initial }: { current: Project; initial: Project[] }) {
  const router = useRouter();
  const { data } = useProjects(initial);
  const [creating, setCreating] = useState(false);
  const projects = data?.data ?? initial;
  return (
    <>
      <Menu
        label="Switch project"
        className="w-full"
        trigger={({ ref, ...props }) => (
          <button
            ref={ref}
            type="button"
            data-testid="project-switcher"
            {...props}
            className="flex h-9 w-full items-center gap-2 rounded-md border border-zinc-200 bg-white px-2 text-left text-[13px] shadow-xs hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            <Avatar name={current.name} />
            <span className="min-w-0 flex-1 truncate font-medium">{current.name}</span>
            <IconSelector size={14} className="text-zinc-400" />
          </button>
        )}
        items={[
          { type: "label", label: "Projects" },
          ...projects.map((p) => ({
            label: (
              <span className="flex min-w-0 items-center gap-2">
                <Avatar name={p.name} />
                <span className="truncate">{p.name}</span>
              </span>
            ),
            hint:
              p.slug === current.slug ? (
                <IconCheck size={14} />
              ) : (
                <span className="capitalize">{p.role}</span>
              ),
            active: p.slug === current.slug,
            onSelect: () => router.push(`/p/${p.slug}/suites`),
          })),
          { type: "separator" as const },
          {
            label: "New project…",
            icon: <IconPlus size={14} />,
            onSelect: () => setCreating(true),
            testId: "new-project",
          },
        ]}
      />
      <NewProjectDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
