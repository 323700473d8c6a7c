import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/session";
import { projectsOfUser } from "@/lib/projects/service";
import { needsSetup } from "@/lib/users/setup";

export const dynamic = "force-dynamic";

/** `/`: first run → setup; signed out → sign-in; otherwise the first project's suites. */
export default async function Home() {
  if (await needsSetup()) redirect("/setup");
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect("/signin");
  const { data } = await projectsOfUser(userId);
  if (data.length === 0) redirect("/projects");
  const preferred = data[data.length - 1]; // the oldest: the project people start in
  redirect(`/p/${preferred.slug}/suites`);
}
