"use client";

import { useProjectContext } from "@/lib/client/project";
import { Badge } from "@/components/ui/badge";
import { Section } from "@/components/ui/layout";

const ROLES = [
  { role: "owner", can: "Everything an admin can; owns the project." },
  { role: "admin", can: "Manage API keys, webhooks and secrets, plus everything a member can." },
  {
    role: "member",
    can: "Create and edit suites, scenarios and targets; trigger, cancel, resubmit and share runs.",
  },
  { role: "viewer", can: "Read suites, runs and results." },
];

/** The caller's role, and what each role may do. Listing and inviting members needs an API first. */
export function MembersSection() {
  const { project } = useProjectContext();
  return (
    <div className="space-y-5">
      <Section title="Your access">
        <p className="px-4 py-3 text-[13px]">
          You are <Badge tone="accent">{project.role ?? "member"}</Badge> of{" "}
          <strong>{project.name}</strong>.
        </p>
      </Section>
      <Section title="Roles">
        <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {ROLES.map((r) => (
            <div key={r.role} className="flex gap-4 px-4 py-2.5 text-[13px]">
              <dt className="w-20 shrink-0 font-medium capitalize">{r.role}</dt>
              <dd className="text-zinc-600 dark:text-zinc-400">{r.can}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-3 text-[13px] text-zinc-500 dark:border-zinc-700">
        Listing and inviting members needs an API that does not exist yet; it will appear here.
      </p>
    </div>
  );
}
