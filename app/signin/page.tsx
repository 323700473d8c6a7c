import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/session";
import { needsSetup } from "@/lib/users/setup";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  if (await needsSetup()) redirect("/setup");
  const session = await auth();
  const { callbackUrl } = await searchParams;
  const target =
    callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  if (session?.user?.id) redirect(target);
  return (
    <AuthCard
      title="Sign in to Assay"
      description="Suites, live runs and release gates for your AI agents."
      footer="Ask a project owner if you need an account."
    >
      <SignInForm callbackUrl={target} />
    </AuthCard>
  );
}
