import type { Metadata } from "next";
import { Logo } from "@/components/shell/logo";

export const metadata: Metadata = {
  title: "Report not found",
  robots: { index: false, follow: false },
};

export default function ShareNotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
      <div className="max-w-md text-center">
        <div className="mb-6 flex justify-center">
          <Logo />
        </div>
        <h1 className="text-xl font-semibold tracking-tight" data-testid="share-not-found">
          This report is not available
        </h1>
        <p className="mt-2 text-[14px] text-zinc-600 dark:text-zinc-400">
          The link does not exist, has expired, or was revoked by the team that shared it. Ask them
          for a new link.
        </p>
      </div>
    </main>
  );
}
