import { notFound } from "next/navigation";
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
  const { data } = await projectsOfUser(session!.user!.id!);
  const projects = data as Project[];
  const project = projects.find((p) => p.slug === key || p.id === key);
  if (!project) notFound();
  return (
    <AppShell
      project={project}
      projects={projects}
      user={{
        id: session!.user!.id!,
        email: session?.user?.email ?? "",
        name: session?.user?.name ?? null,
      }}
      signOut={signOutAction}
    >
      {children}
    </AppShell>
  );
}
