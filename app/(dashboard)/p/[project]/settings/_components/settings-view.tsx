"use client";

import { useProjectContext } from "@/lib/client/project";
import { useUrlParams } from "@/lib/client/use-url-state";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/layout";
import { ApiKeysSection } from "./api-keys";
import { MembersSection } from "./members";
import { SecretsSection } from "./secrets";
import { ShareLinksSection } from "./share-links";
import { WebhooksSection } from "./webhooks";

const TABS = [
  { id: "keys", label: "API keys" },
  { id: "secrets", label: "Secrets" },
  { id: "webhooks", label: "Webhooks" },
  { id: "shares", label: "Share links" },
  { id: "members", label: "Members" },
] as const;
type Tab = (typeof TABS)[number]["id"];

export function SettingsView() {
  const { project } = useProjectContext();
  const { params, set } = useUrlParams();
  const tab = (TABS.find((t) => t.id === params.get("tab"))?.id ?? "keys") as Tab;
  return (
    <div>
      <PageHeader title="Settings" description={`${project.name} · ${project.slug}`} />
      <div className="grid gap-6 md:grid-cols-[180px_minmax(0,1fr)]">
        <nav aria-label="Settings sections" className="flex gap-1 overflow-x-auto md:flex-col">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              aria-current={tab === t.id ? "page" : undefined}
              onClick={() => set({ tab: t.id === "keys" ? null : t.id })}
              className={cn(
                "h-8 rounded-md px-2.5 text-left text-[13px] font-medium whitespace-nowrap transition-colors",
                tab === t.id
                  ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white"
                  : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100",
              )}
            >
              {t.label}
            </button>
          ))}
        </nav>
        <div className="min-w-0">
          {tab === "keys" ? <ApiKeysSection /> : null}
          {tab === "secrets" ? <SecretsSection /> : null}
          {tab === "webhooks" ? <WebhooksSection /> : null}
          {tab === "shares" ? <ShareLinksSection /> : null}
          {tab === "members" ? <MembersSection /> : null}
        </div>
      </div>
    </div>
  );
}
