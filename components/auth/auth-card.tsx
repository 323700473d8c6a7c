import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Logo } from "@/components/shell/logo";

export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="flex min-h-dvh flex-col bg-zinc-50 dark:bg-zinc-950">
      <div className="flex justify-end p-4">
        <ThemeToggle />
      </div>
      <div className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-16">
        <div className="w-full max-w-sm">
          <div className="mb-6 flex items-center gap-2">
            <Logo />
          </div>
          <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
            <h1 className="text-lg font-semibold tracking-tight">{title}</h1>
            {description ? (
              <p className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400">{description}</p>
            ) : null}
            <div className="mt-5">{children}</div>
          </div>
          {footer ? (
            <div className="mt-4 text-center text-[13px] text-zinc-500 dark:text-zinc-400">
              {footer}
            </div>
          ) : null}
        </div>
      </div>
    </main>
  );
}
