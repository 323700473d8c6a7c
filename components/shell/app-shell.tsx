"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { ProjectProvider } from "@/lib/client/project";
import type { Project } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import {
  IconLogout,
  IconRuns,
  IconScenarios,
  IconSettings,
  IconSuites,
  IconTargets,
  IconX,
} from "@/components/ui/icons";
import { Kbd } from "@/components/ui/kbd";
import { Logo } from "./logo";
import { ProjectSwitcher } from "./project-switcher";
import { ThemeToggle } from "./theme-toggle";

const NAV = [
  { href: "suites", label: "Suites", icon: IconSuites, key: "s" },
  { href: "runs", label: "Runs", icon: IconRuns, key: "r" },
  { href: "scenarios", label: "Scenarios", icon: IconScenarios, key: "c" },
  { href: "targets", label: "Targets", icon: IconTargets, key: "t" },
  { href: "settings", label: "Settings", icon: IconSettings, key: "," },
] as const;

/** `g` then a letter jumps to a section, like Linear and GitHub. */
function useGoShortcuts(base: string) {
  const router = useRouter();
  useEffect(() => {
    let armed = 0;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (
        e.metaKey ||
        e.ctrlKey ||
        e.altKey ||
        target.isContentEditable ||
        /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
      )
        return;
      if (document.querySelector("dialog[open]")) return;
      if (e.key === "g") {
        armed = Date.now();
        return;
      }
      if (Date.now() - armed < 1200) {
        const item = NAV.find((n) => n.key === e.key);
        armed = 0;
        if (item) {
          e.preventDefault();
          router.push(`${base}/${item.href}`);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [base, router]);
}

export function AppShell({
  project,
  projects,
  user,
  signOut,
  children,
}: {
  project: Project;
  projects: Project[];
  user: { id: string; email: string; name: string | null };
  signOut: () => Promise<void>;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const base = `/p/${project.slug}`;
  const [mobileOpen, setMobileOpen] = useState(false);
  useGoShortcuts(base);
  useEffect(() => setMobileOpen(false), [pathname]);

  const sidebar = (
    <div className="flex h-full flex-col">
      <div className="flex h-12 items-center justify-between px-4">
        <Link href={base + "/suites"} className="rounded-md" aria-label="Assay home">
          <Logo />
        </Link>
        <button
          type="button"
          className="rounded p-1 text-zinc-500 md:hidden"
          aria-label="Close navigation"
          onClick={() => setMobileOpen(false)}
        >
          <IconX />
        </button>
      </div>
      <div className="px-3 pb-2">
        <ProjectSwitcher current={project} initial={projects} />
      </div>
      <nav aria-label="Main" className="flex-1 space-y-0.5 px-3 py-2">
        {NAV.map(({ href, label, icon: Icon, key }) => {
          const to = `${base}/${href}`;
          const active =
            pathname === to ||
            pathname.startsWith(to + "/") ||
            (href === "runs" && pathname.startsWith(`${base}/runs`));
          return (
            <Link
              key={href}
              href={to}
              aria-current={active ? "page" : undefined}
              className={cn(
                "group flex h-8 items-center gap-2.5 rounded-md px-2 text-[13px] font-medium transition-colors",
                active
                  ? "bg-zinc-200/70 text-zinc-900 dark:bg-zinc-800 dark:text-white"
                  : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100",
              )}
            >
              <Icon
                className={
                  active
                    ? "text-accent-600 dark:text-accent-400"
                    : "text-zinc-400 group-hover:text-zinc-600 dark:text-zinc-500 dark:group-hover:text-zinc-300"
                }
              />
              <span className="flex-1">{label}</span>
              <span className="hidden gap-0.5 opacity-0 transition-opacity group-hover:opacity-100 lg:flex">
                <Kbd>g</Kbd>
                <Kbd>{key}</Kbd>
              </span>
            </Link>
          );
        })}
      </nav>
      <div className="space-y-3 border-t border-zinc-200 px-3 py-3 dark:border-zinc-800">
        <div className="flex items-center justify-between gap-2 px-1">
          <div className="min-w-0">
            <p
              className="truncate text-[13px] font-medium text-zinc-800 dark:text-zinc-200"
              data-testid="current-user"
            >
              {user.name && user.name !== user.email ? user.name : user.email}
            </p>
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
              <span className="capitalize" data-testid="current-role">
                {project.role ?? "member"}
              </span>{" "}
              · {project.name}
            </p>
          </div>
        </div>
        <div className="flex items-center justify-between gap-2 px-1">
          <ThemeToggle />
          <form action={signOut}>
            <button
              type="submit"
              className="inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-[12.5px] text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            >
              <IconLogout size={14} />
              Sign out
            </button>
          </form>
        </div>
      </div>
    </div>
  );

  return (
    <ProjectProvider value={{ project, projects, user }}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-1.5 focus:shadow dark:focus:bg-zinc-900"
      >
        Skip to content
      </a>
      <div className="flex min-h-dvh">
        <aside className="no-print sticky top-0 hidden h-dvh w-60 shrink-0 border-r border-zinc-200 bg-zinc-50/80 md:block dark:border-zinc-800 dark:bg-zinc-900/40">
          {sidebar}
        </aside>
        {mobileOpen ? (
          <div className="fixed inset-0 z-40 md:hidden">
            <div className="absolute inset-0 bg-black/40" onClick={() => setMobileOpen(false)} />
            <aside className="absolute inset-y-0 left-0 w-64 border-r border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
              {sidebar}
            </aside>
          </div>
        ) : null}
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="no-print flex h-12 items-center gap-3 border-b border-zinc-200 px-4 md:hidden dark:border-zinc-800">
            <button
              type="button"
              onClick={() => setMobileOpen(true)}
              className="rounded-md border border-zinc-200 px-2 py-1 text-[13px] dark:border-zinc-700"
              aria-label="Open navigation"
            >
              Menu
            </button>
            <Logo />
          </header>
          <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8">
            <div className="mx-auto w-full max-w-[1400px]">{children}</div>
          </main>
        </div>
      </div>
    </ProjectProvider>
  );
}
