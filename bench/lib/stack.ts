/**
 * The system under test: a fresh PostgreSQL (embedded, in a temp dir, or BENCH_DATABASE_URL), the
 * Assay web app (bin/start.ts, ASSAY_WORKER=off) and one worker process (bin/worker.ts), each its
 * own node process so web RSS (B2) and worker RSS (B6) are sampled apart.
 */
import { join } from "node:path";
import { mkdirSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { freePort, postmasterPid, sleep, spawnLogged, treeCpuSeconds, type Child } from "./proc";
import { Api } from "./api";
import type { Config } from "./config";

type ExtraEnv = Record<string, string | undefined>;

export type Stack = {
  dir: string;
  dbUrl: string;
  pgDataDir: string | null;
  pgPid: () => number | null;
  sql: postgres.Sql;
  web: Child;
  worker: Child;
  baseUrl: string;
  api: Api;
  apiKey: string;
  user: { email: string; password: string };
  projectId: string;
  buildSeconds: number | null;
  restartWorker: (opts?: { nodeArgs?: string[]; env?: ExtraEnv }) => Promise<void>;
  /** Restart web and worker with extra environment (experiments: variants of the system under test). */
  restartAll: (env: ExtraEnv) => Promise<void>;
  stop: () => Promise<void>;
};

const log = (...a: unknown[]) => console.error("[bench]", ...a);

export async function startStack(cfg: Config, dir: string): Promise<Stack> {
  const root = cfg.appDir;
  const dataDir = join(dir, "data");
  mkdirSync(dataDir, { recursive: true });

  // --- PostgreSQL -------------------------------------------------------------------------
  let dbUrl: string;
  let pgDataDir: string | null = null;
  let stopPg: () => Promise<void> = async () => {};
  if (cfg.databaseUrl) {
    dbUrl = cfg.databaseUrl;
    log("using BENCH_DATABASE_URL (its server's CPU is not attributed)");
  } else {
    pgDataDir = join(dir, "pg");
    const port = await freePort();
    let pg = await startEmbeddedPostgres({ dataDir: pgDataDir, port });
    if (cfg.profile) {
      // pg_stat_statements for the profile: preload it, restart, create the extension.
      const s = postgres(pg.url, { max: 1, onnotice: () => {} });
      await s`alter system set shared_preload_libraries = 'pg_stat_statements'`;
      await s`alter system set pg_stat_statements.track = 'all'`;
      await s.end();
      await pg.stop();
      pg = await startEmbeddedPostgres({ dataDir: pgDataDir, port });
    }
    dbUrl = pg.url;
    stopPg = pg.stop;
    log(`fresh embedded PostgreSQL in ${pgDataDir} on port ${port}`);
  }
  // The app migrates on start too; migrating here first makes the harness independent of that.
  if (root === process.cwd()) await migrateDatabase(dbUrl);
  else log(`system under test: ${root} (BENCH_APP_DIR)`);
  const sql = postgres(dbUrl, { max: 4, onnotice: () => {} });
  if (cfg.profile) await sql`create extension if not exists pg_stat_statements`;

  // --- Assay processes -----------------------------------------------------------------------
  const port = await freePort();
  const apiKey = `assay_bench_${randomBytes(18).toString("base64url")}`;
  const user = { email: "bench@assay.local", password: `bench-${randomBytes(9).toString("hex")}` };
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: dbUrl,
    ASSAY_DATA_DIR: dataDir,
    ASSAY_ENCRYPTION_KEY: randomBytes(32).toString("base64url"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ASSAY_LOG_LEVEL: process.env.ASSAY_LOG_LEVEL ?? "warn",
  };
  delete baseEnv.NODE_OPTIONS;
  const tsx = ["--import", "tsx"];

  const webEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    PORT: String(port),
    HOST: "127.0.0.1",
    ASSAY_PUBLIC_URL: `http://127.0.0.1:${port}`,
    ASSAY_WORKER: "off",
    ASSAY_SEED: "off",
    ASSAY_DEMO_AGENT_PORT: "0",
    ASSAY_INIT_PROJECT_SLUG: "bench",
    ASSAY_INIT_API_KEY: apiKey,
    ASSAY_INIT_USER_EMAIL: user.email,
    ASSAY_INIT_USER_PASSWORD: user.password,
    ...(cfg.skipBuild ? { ASSAY_SKIP_BUILD: "1" } : {}),
  };
  let buildStarted = 0;
  let buildSeconds: number | null = null;
  const baseUrl = `http://127.0.0.1:${port}`;
  const startWeb = async (extra: ExtraEnv = {}) => {
    const tWeb = Date.now();
    const w = spawnLogged("web", process.execPath, [...cfg.webNodeArgs, ...tsx, "bin/start.ts"], {
      cwd: root,
      env: { ...webEnv, ...extra },
      logFile: join(dir, "web.log"),
      onLine: (line) => {
        // bin/start.ts runs `next build` (output inherited) when the sources changed since the last build
        if (!buildStarted && /▲ Next\.js/.test(line)) {
          buildStarted = Date.now();
          log(
            "bin/start.ts is running `next build` (sources changed since the last build); this takes a few minutes",
          );
        }
        if (
          buildStarted &&
          buildSeconds == null &&
          /Finalizing page optimization|Route \(app\)/.test(line)
        )
          buildSeconds = (Date.now() - buildStarted) / 1000;
      },
    });
    await waitHealthy(baseUrl, w, join(dir, "web.log"), cfg.webStartTimeoutMs);
    log(`web ready on ${baseUrl} in ${((Date.now() - tWeb) / 1000).toFixed(1)} s (pid ${w.pid})`);
    return w;
  };
  const web = await startWeb();

  const workerEnv = (extra: ExtraEnv = {}): NodeJS.ProcessEnv => ({
    ...baseEnv,
    ...(cfg.workerConcurrency ? { ASSAY_WORKER_CONCURRENCY: cfg.workerConcurrency } : {}),
    ...(cfg.jobConcurrency ? { ASSAY_JOB_CONCURRENCY: cfg.jobConcurrency } : {}),
    ...(cfg.dbPool ? { ASSAY_DB_POOL: cfg.dbPool } : {}),
    ...extra,
  });
  const startWorkerProc = async (nodeArgs: string[] = [], extra: ExtraEnv = {}) => {
    const w = spawnLogged("worker", process.execPath, [...nodeArgs, ...tsx, "bin/worker.ts"], {
      cwd: root,
      env: workerEnv(extra),
      logFile: join(dir, "worker.log"),
    });
    await waitWorker(sql, w, cfg.webStartTimeoutMs);
    return w;
  };
  let worker = await startWorkerProc();
  log(`worker ready (pid ${worker.pid})`);

  const api = new Api(baseUrl, apiKey);
  const [project] = await sql<{ id: string }[]>`select id from projects where slug = 'bench'`;
  if (!project) throw new Error("ASSAY_INIT_PROJECT_SLUG=bench did not create the project");

  const stack: Stack = {
    dir,
    dbUrl,
    pgDataDir,
    pgPid: () => (pgDataDir ? postmasterPid(pgDataDir) : null),
    sql,
    web,
    worker,
    baseUrl,
    api,
    apiKey,
    user,
    projectId: project.id,
    get buildSeconds() {
      return buildSeconds;
    },
    restartWorker: async (opts = {}) => {
      await stack.worker.stop("SIGTERM", 30_000);
      worker = await startWorkerProc(opts.nodeArgs ?? [], opts.env ?? {});
      stack.worker = worker;
    },
    restartAll: async (env) => {
      await stack.worker.stop("SIGTERM", 30_000);
      await stack.web.stop("SIGTERM", 30_000);
      stack.web = await startWeb(env);
      worker = await startWorkerProc([], env);
      stack.worker = worker;
    },
    stop: async () => {
      await stack.worker.stop().catch(() => {});
      await stack.web.stop().catch(() => {});
      await sql.end({ timeout: 2 }).catch(() => {});
      await stopPg().catch(() => {});
    },
  };
  return stack;
}

async function waitHealthy(baseUrl: string, web: Child, logFile: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  let exited: number | null | undefined;
  void web.exited.then((c) => (exited = c));
  while (Date.now() < until) {
    if (exited !== undefined) {
      const tail = readFileSync(logFile, "utf8").trim().split("\n").slice(-12).join("\n  ");
      throw new Error(
        `the web process exited (${exited}) before it was ready (${logFile}):\n  ${tail}`,
      );
    }
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`the web app was not healthy within ${timeoutMs / 1000} s; see ${logFile}`);
}

/** A worker is up when it has written its heartbeat row. */
async function waitWorker(sql: postgres.Sql, w: Child, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  let exited: number | null | undefined;
  void w.exited.then((c) => (exited = c));
  while (Date.now() < until) {
    if (exited !== undefined) throw new Error(`the worker exited (${exited}) during start`);
    const rows =
      await sql`select 1 from worker_heartbeats where worker_id like ${"%\\_" + w.pid + "\\_%"}`;
    if (rows.length) return;
    await sleep(100);
  }
  throw new Error("the worker did not start in time");
}

/** CPU seconds of each part of the stack right now (for per-measurement deltas). */
export function stackCpu(stack: Stack, extraPids: number[] = []) {
  const pg = stack.pgPid();
  return {
    worker: treeCpuSeconds(stack.worker.pid),
    web: treeCpuSeconds(stack.web.pid),
    pg: pg ? treeCpuSeconds(pg) : 0,
    extra: extraPids.reduce((s, p) => s + treeCpuSeconds(p), 0),
  };
}
