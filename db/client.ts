import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Sql = postgres.Sql;
/** A transaction or the database: repository functions accept either. */
export type Tx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { sql: Sql; db: Db; url: string; drizzleClient: Sql };
const globalRef = globalThis as unknown as { __assayDb?: Handle };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      "DATABASE_URL is not set (npm start sets it after booting the embedded PostgreSQL)",
    );
  return url;
}

const poolOptions = {
  onnotice: () => {},
  idle_timeout: 30,
  connect_timeout: 10,
  transform: { undefined: null },
};

/**
 * The run engine's own pool (one per worker). Its statements are the same few set-based ones run
 * thousands of times with arrays and JSON as parameters, so they run on generic plans: planning the
 * completion statement costs ~6 ms — as much as executing it for 100 runs — and across a pool of 20
 * connections each connection would plan its first five executions of every statement anew.
 */
export function newEnginePool(): Sql {
  return postgres(databaseUrl(), {
    ...poolOptions,
    max: Number(process.env.ASSAY_ENGINE_POOL ?? 10),
    connection: { plan_cache_mode: "force_generic_plan" },
  });
}

/** One pool per process, shared by route handlers and the in-process worker. */
export function getHandle(): Handle {
  const url = databaseUrl();
  if (!globalRef.__assayDb || globalRef.__assayDb.url !== url) {
    const options = poolOptions;
    // Two pools: drizzle replaces the client's type parsers (timestamps stay strings for its own
    // mapping), so raw SQL gets a client of its own that returns Dates.
    const sql = postgres(url, { ...options, max: Number(process.env.ASSAY_DB_POOL ?? 20) });
    const drizzleClient = postgres(url, {
      ...options,
      max: Number(process.env.ASSAY_ORM_POOL ?? 10),
    });
    globalRef.__assayDb = { sql, db: drizzle(drizzleClient, { schema }), url, drizzleClient };
  }
  return globalRef.__assayDb;
}

export const getDb = (): Db => getHandle().db;
export const getSql = (): Sql => getHandle().sql;

export async function closeDb(): Promise<void> {
  const h = globalRef.__assayDb;
  globalRef.__assayDb = undefined;
  await Promise.all([h?.sql.end({ timeout: 5 }), h?.drizzleClient.end({ timeout: 5 })]);
}
