import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { auth } from "@/lib/auth/session";
import { needsSetup } from "@/lib/users/setup";

export const dynamic = "force-dynamic";

/** Every page in here needs a signed-in user. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  if (!session?.user?.id) {
    if (await needsSetup()) redirect("/setup");
    redirect("/signin");
  }
  return children;
}
