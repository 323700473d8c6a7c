import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { needsSetup } from "@/lib/users/setup";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Assay" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/signin");
  return (
    <AuthCard
      title="Welcome to Assay"
      description="Create the owner account. It will own the demo project, so you can run a suite right away."
      footer="This page is only available until the first account exists."
    >
      <SetupForm />
    </AuthCard>
  );
}
