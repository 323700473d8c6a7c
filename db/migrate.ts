import { join } from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { Logger, runMigrations } from "graphile-worker";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";

const MIGRATIONS = join(process.cwd(), "db", "migrations");

/** Apply Assay's migrations and graphile-worker's schema. Safe to run concurrently from several processes. */
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // One migrator at a time across processes (web + workers booting together).
    await sql`select pg_advisory_lock(727274)`;
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS });
    await runMigrations({ connectionString: url, logger: silentLogger() });
  } finally {
    await sql`select pg_advisory_unlock(727274)`.catch(() => {});
    await sql.end({ timeout: 5 });
  }
}

export function silentLogger(): Logger {
  return new Logger(() => () => {});
}
