import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { auth } from "@/lib/auth/session";
import { projectsOfUser } from "@/lib/projects/service";
import { AppShell } from "@/components/shell/app-shell";
import type { Project } from "@/lib/client/types";
import { signOutAction } from "@/app/signin/actions";

/** A project the user is a member of (by slug or id), else 404: never reveal other projects. */
export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ project: string }>;
}) {
  const { project: key } = await params;
  const session = await auth();
  // Layouts render in parallel: the parent's redirect does not stop this one from running.
  const userId = session?.user?.id;
  if (!userId) redirect("/signin");
  const { data } = await projectsOfUser(userId);
  const projects = data as Project[];
  const project = projects.find((p) => p.slug === key || p.id === key);
  if (!project) notFound();
  return (
    <AppShell
      project={project}
      projects={projects}
      user={{
        id: userId,
        email: session?.user?.email ?? "",
        name: session?.user?.name ?? null,
      }}
      signOut={signOutAction}
    >
      {children}
    </AppShell>
  );
}
