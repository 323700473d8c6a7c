import { Command, InvalidArgumentError } from "commander";
import { bootDatabase } from "@/lib/boot/runtime";
import { getDb, closeDb } from "@/db/client";
import { createProject } from "@/lib/projects/service";
import { findProjectBySlug } from "@/lib/projects/repo";
import { createApiKey } from "@/lib/keys/service";
import { AppError } from "@/lib/errors";

const program = new Command();
program
  .name("assay")
  .description("Assay: test AI agents, gate releases on the results.")
  .showHelpAfterError();

const admin = program
  .command("admin")
  .description(
    "Administer an Assay database (DATABASE_URL, or the embedded one in $ASSAY_DATA_DIR)",
  );

async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
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
    const project = await withDatabase(() =>
      createProject(getDb(), { name: opts.name, slug: opts.slug }),
    );
    console.log(`Created project ${project.slug} (${project.id})`);
  });

admin
  .command("create-key")
  .description("Create an API key; the key is printed alone on the last line")
  .requiredOption("--project <slug>", "project slug")
  .requiredOption("--scope <scope>", "read | run | admin", (v: string) => {
    if (!["read", "run", "admin"].includes(v))
      throw new InvalidArgumentError("scope must be read, run or admin");
    return v as "read" | "run" | "admin";
  })
  .option("--name <name>", "a name to recognise the key by", "CLI key")
  .action(async (opts: { project: string; scope: "read" | "run" | "admin"; name: string }) => {
    const created = await withDatabase(async () => {
      const project = await findProjectBySlug(getDb(), opts.project);
      if (!project) throw new AppError("not_found", `No project with slug "${opts.project}"`);
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

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`assay: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(3);
});
