/** Every knob of `npm run bench`, from the environment (see bench/README.md). */
import { resolve } from "node:path";

const list = (v: string | undefined, def: number[]) =>
  v
    ? v
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number)
    : def;
const int = (v: string | undefined, def: number) =>
  v && Number.isFinite(Number(v)) ? Number(v) : def;

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env = process.env) {
  const quick = env.BENCH_QUICK === "1";
  const full = env.BENCH_FULL === "1";
  const profile = env.BENCH_PROFILE === "1";
  const ns = list(env.BENCH_NS, quick ? [200] : [1000, 10000]);
  const only = new Set(
    (env.BENCH_ONLY ?? (profile ? "profile" : "b1,b2,b3,b4,b5,b6")).split(/[\s,]+/).filter(Boolean),
  );
  const b2Scenarios = int(env.BENCH_B2_SCENARIOS, quick ? 200 : 10_000);
  return {
    quick,
    full,
    profile,
    only,
    ns,
    delays: list(env.BENCH_DELAYS, [0, 50]),
    reps: int(env.REPS ?? env.BENCH_REPS, quick ? 1 : 3),
    repsBig: int(env.REPS_BIG ?? env.BENCH_REPS_BIG, quick ? 1 : 3),
    /** promptfoo takes ~3 min at N=10,000: by default it runs only at N < 10,000. */
    pfNs: list(env.BENCH_PF_NS, full ? ns : ns.filter((n) => n < 10_000)),
    systems: new Set(
      (env.BENCH_SYSTEMS ?? "assay floor promptfoo").split(/[\s,]+/).filter(Boolean),
    ),
    databaseUrl: env.BENCH_DATABASE_URL ?? "",
    skipBuild: env.BENCH_SKIP_BUILD === "1",
    webStartTimeoutMs: int(env.BENCH_WEB_START_TIMEOUT_S, 900) * 1000,
    pollMs: int(env.BENCH_POLL_MS, 100),
    quietWaitS: int(env.BENCH_QUIET_WAIT_S, 4),
    b2: {
      scenarios: b2Scenarios,
      targets: int(env.BENCH_B2_TARGETS, 3),
      repeat: int(env.BENCH_B2_REPEAT, 5),
    },
    b6Seconds: int(env.BENCH_B6_SECONDS, quick ? 8 : 60),
    b3Seconds: int(env.BENCH_B3_SECONDS, quick ? 3 : 10),
    b3Connections: int(env.BENCH_B3_CONNECTIONS, 100),
    b4N: int(env.BENCH_B4_N, quick ? 200 : 10_000),
    profileN: int(env.BENCH_PROFILE_N, quick ? 1000 : 10_000),
    /** Where the system under test lives (default: this checkout); e.g. a snapshot with an engine change to compare. */
    appDir: resolve(env.BENCH_APP_DIR ?? process.cwd()),
    peersDir: resolve(env.BENCH_PEERS_DIR ?? resolve(process.cwd(), "../shared/peers")),
    /** "shared": the floor inserts into the same PostgreSQL server as Assay (database `floor`); "own": floor-bench.sh's private cluster. */
    floorDb: env.BENCH_FLOOR_DB ?? "shared",
    keep: env.BENCH_KEEP === "1",
    /**
     * A/B experiments: "name:K=V,K=V;name2:K=V" — B1's Assay runs once per variant per repetition,
     * web and worker restarted with that extra environment (e.g. knobs of an experimental tree).
     */
    variants: (env.BENCH_VARIANTS ?? "")
      .split(";")
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => {
        const [name, rest = ""] = v.split(":");
        const vars = Object.fromEntries(
          rest
            .split(",")
            .filter(Boolean)
            .map((kv) => kv.split("=") as [string, string]),
        );
        return { name, env: vars as Record<string, string> };
      }),
    updateMd: env.BENCH_UPDATE_MD === "1",
    /** Extra node flags for the web process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile B3. */
    webNodeArgs: (env.BENCH_WEB_NODE_ARGS ?? "").split(/\s+/).filter(Boolean),
    workerConcurrency: env.ASSAY_WORKER_CONCURRENCY ?? "",
    jobConcurrency: env.ASSAY_JOB_CONCURRENCY ?? "",
    dbPool: env.ASSAY_DB_POOL ?? "",
  };
}
