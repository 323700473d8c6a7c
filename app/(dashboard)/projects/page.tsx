import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/session";
import { projectsOfUser } from "@/lib/projects/service";
import { AuthCard } from "@/components/auth/auth-card";
import { FirstProject } from "./first-project";

export const metadata: Metadata = { title: "Projects" };

/** Signed in but not a member of any project yet: create one (or ask to be invited). */
export default async function ProjectsPage() {
  const session = await auth();
  const { data } = await projectsOfUser(session!.user!.id!);
  if (data.length > 0) redirect(`/p/${data[data.length - 1].slug}/suites`);
  return (
    <AuthCard
      title="No projects yet"
      description="You are not a member of any project. Create one, or ask an owner to add you to theirs."
    >
      <FirstProject />
    </AuthCard>
  );
}
