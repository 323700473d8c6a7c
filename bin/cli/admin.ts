import { InvalidArgumentError, type Command } from "commander";
import { usageError } from "./errors";

type Scope = "read" | "run" | "admin";

/**
 * `assay admin …` talks to the database directly (DATABASE_URL, or the embedded one). Its modules
 * load on use, so the HTTP commands start fast and never touch server code.
 */
export function registerAdmin(program: Command) {
  const admin = program
    .command("admin")
    .description(
      "Administer an Assay database (DATABASE_URL, or the embedded one in $ASSAY_DATA_DIR)",
    );

  async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
    const { bootDatabase } = await import("@/lib/boot/runtime");
    const { closeDb } = await import("@/db/client");
    const db = await bootDatabase();
    try {
      return await fn();
    } finally {
      await closeDb();
      await db.stop();
    }
  }

  admin
    .command("create-project")
    .description("Create a project")
    .requiredOption("--slug <slug>", "URL-safe identifier, e.g. checkout-bot")
    .requiredOption("--name <name>", "display name")
    .action(async (opts: { slug: string; name: string }) => {
      const project = await withDatabase(async () => {
        const { getDb } = await import("@/db/client");
        const { createProject } = await import("@/lib/projects/service");
        return createProject(getDb(), { name: opts.name, slug: opts.slug });
      });
      console.log(`Created project ${project.slug} (${project.id})`);
    });

  admin
    .command("create-key")
    .description("Create an API key; the key is printed alone on the last line")
    .requiredOption("--project <slug>", "project slug")
    .requiredOption("--scope <scope>", "read | run | admin", (v: string) => {
      if (!["read", "run", "admin"].includes(v))
        throw new InvalidArgumentError("scope must be read, run or admin");
      return v as Scope;
    })
    .option("--name <name>", "a name to recognise the key by", "CLI key")
    .action(async (opts: { project: string; scope: Scope; name: string }) => {
      const created = await withDatabase(async () => {
        const { getDb } = await import("@/db/client");
        const { findProjectBySlug } = await import("@/lib/projects/repo");
        const { createApiKey } = await import("@/lib/keys/service");
        const project = await findProjectBySlug(getDb(), opts.project);
        if (!project) throw usageError(`No project with slug "${opts.project}"`);
        return createApiKey(getDb(), {
          projectId: project.id,
          name: opts.name,
          scope: opts.scope,
          createdBy: null,
        });
      });
      console.log(
        `Created ${opts.scope} key ${created.id} for ${opts.project}. Store it now; it is not shown again:`,
      );
      console.log(created.key);
    });
}
