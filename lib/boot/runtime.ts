import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { log } from "@/lib/log";

export const dataDir = () => resolve(process.env.ASSAY_DATA_DIR ?? join(homedir(), ".assay"));

/** Keys Assay needs are generated once and kept in the data dir (0600) unless the environment sets them. */
function ensureLocalSecrets(): void {
  const dir = dataDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, "keys.json");
  const stored: Record<string, string> = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : {};
  let changed = false;
  for (const name of ["ASSAY_ENCRYPTION_KEY", "AUTH_SECRET"]) {
    if (process.env[name]) continue;
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
    process.env[name] = stored[name];
  }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
}

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * Resolve the database: DATABASE_URL if set, otherwise the embedded PostgreSQL in $ASSAY_DATA_DIR/pg
 * (started here, or reused if it is already running). Then apply migrations.
 */
export async function bootDatabase(opts: { migrate?: boolean } = {}): Promise<Database> {
  ensureLocalSecrets();
  let db: Database;
  if (process.env.DATABASE_URL) {
    db = { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  } else {
    const port = Number(process.env.ASSAY_PG_PORT ?? 54329);
    const started = await startEmbeddedPostgres({
      dataDir: join(dataDir(), "pg"),
      port,
      log: (l) => log.debug("postgres", { line: l }),
    });
    db = { url: started.url, embedded: true, stop: started.stop };
    process.env.DATABASE_URL = started.url;
  }
  if (opts.migrate !== false) await migrateDatabase(db.url);
  return db;
}
