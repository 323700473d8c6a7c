import Link from "next/link";
import { Logo } from "@/components/shell/logo";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
      <div className="max-w-md text-center">
        <div className="mb-6 flex justify-center">
          <Logo />
        </div>
        <p className="font-mono text-sm text-zinc-400">404</p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight" data-testid="not-found">
          Nothing here
        </h1>
        <p className="mt-2 text-[14px] text-zinc-600 dark:text-zinc-400">
          This page does not exist, or it belongs to a project you are not a member of.
        </p>
        <Link
          href="/"
          className="mt-5 inline-flex h-8 items-center rounded-md bg-accent-600 px-3 text-sm font-medium text-white hover:bg-accent-700"
        >
          Go to your projects
        </Link>
      </div>
    </main>
  );
}
