"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Project } from "./types";

export type CurrentUser = { id: string; email: string; name: string | null };

type ProjectContextValue = { project: Project; projects: Project[]; user?: CurrentUser };

const ProjectContext = createContext<ProjectContextValue | null>(null);

/** The project of the current /p/[project] page, checked for membership on the server. */
export function ProjectProvider({
  value,
  children,
}: {
  value: ProjectContextValue;
  children: ReactNode;
}) {
  return <ProjectContext.Provider value={value}>{children}</ProjectContext.Provider>;
}

export function useProjectContext(): ProjectContextValue {
  const value = useContext(ProjectContext);
  if (!value) throw new Error("useProjectContext outside a project page");
  return value;
}

export const useCurrentUser = () => useProjectContext().user ?? null;

/** The slug to send as X-Assay-Project. */
export const useProjectSlug = () => useProjectContext().project.slug;

/** Can the current user change things (run, edit)? Viewers only read. */
export function useCanWrite(): boolean {
  return useProjectContext().project.role !== "viewer";
}

export function useIsAdmin(): boolean {
  const role = useProjectContext().project.role;
  return role === "owner" || role === "admin";
}
