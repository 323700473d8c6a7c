/**
 * `npm run bench`: Assay against a fresh PostgreSQL, the floor and promptfoo on the shared workload
 * (../shared/peers), in one invocation. Prints result lines in the peers' format, then medians,
 * ratios and the bars B1–B6; writes bench/out/<timestamp>.{json,md,txt}. See bench/README.md.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "./lib/config";
import { startStack, type Stack } from "./lib/stack";
import {
  generateWorkload,
  startTargetServer,
  workloadSuite,
  type BenchSuite,
  type TargetServer,
  type Workload,
} from "./lib/workload";
import { assayB1, ensureFloorDb, peerB1 } from "./lib/b1";
import { b2b6, b3, b4 } from "./lib/bars";
import { b5 } from "./lib/b5";
import { b1Cells, bars, machineInfo, markdown, ratios } from "./lib/report";
import { summariseProfile } from "./lib/cpuprofile";
import { median, parseLine, r1, r2 } from "./lib/measure";

const log = (...a: unknown[]) => console.error("[bench]", ...a);
const say = (line: string) => console.log(line);

async function main() {
  const cfg = loadConfig();
  const root = process.cwd();
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, "-").replace(/Z$/, "");
  const outDir = join(root, "bench", "out");
  mkdirSync(outDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "assay-bench-"));
  const t0 = Date.now();
  const results: any = {
    started_at: started.toISOString(),
    mode: cfg.profile
      ? "profile"
      : cfg.quick
        ? "quick (BENCH_QUICK=1)"
        : cfg.full
          ? "full (BENCH_FULL=1)"
          : "default",
    machine: machineInfo(),
    loadavg_start: loadavg().map(r2),
    config: {
      ns: cfg.ns,
      delays: cfg.delays,
      reps: cfg.reps,
      reps_big: cfg.repsBig,
      promptfoo_ns: cfg.pfNs,
      systems: [...cfg.systems],
      only: [...cfg.only],
      poll_ms: cfg.pollMs,
      b2: cfg.b2,
      b6_seconds: cfg.b6Seconds,
      b3_seconds: cfg.b3Seconds,
      b3_connections: cfg.b3Connections,
      b4_n: cfg.b4N,
      floor_db: cfg.floorDb,
      worker_concurrency: cfg.workerConcurrency || "64 (default)",
      job_concurrency: cfg.jobConcurrency || "8 (default)",
      db_pool: cfg.dbPool || "20 (default)",
    },
    b1: { lines: [] as string[] },
    notes: [] as string[],
    errors: [] as string[],
  };
  log(`scratch dir ${dir}; results → bench/out/${stamp}.*`);

  let stack: Stack | null = null;
  const servers = new Map<number, TargetServer>();
  const suites = new Map<string, BenchSuite & { workload: Workload }>();
  let interrupted = false;
  const cleanup = async () => {
    for (const s of servers.values()) await s.child.stop().catch(() => {});
    await stack?.stop().catch(() => {});
    if (!cfg.keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  };
  process.on("SIGINT", () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log("interrupted: stopping children…");
    void cleanup().then(() => process.exit(130));
  });

  const server = async (delay: number) => {
    if (!servers.has(delay))
      servers.set(
        delay,
        await startTargetServer(cfg.peersDir, delay, join(dir, `target-d${delay}.log`)),
      );
    return servers.get(delay)!;
  };
  const suiteFor = async (n: number, delay: number) => {
    const key = `${n}|${delay}`;
    if (!suites.has(key)) {
      const srv = await server(delay);
      const w = await generateWorkload(
        cfg.peersDir,
        n,
        srv.url,
        join(dir, `work-N${n}-d${delay}`),
        join(dir, "gen.log"),
      );
      const s = await workloadSuite(stack!, w, `bench N=${n} delay=${delay}`);
      if (
        s.via === "sql-fallback" &&
        !results.notes.some((x: string) => x.startsWith("Suites were set up"))
      )
        results.notes.push(
          `Suites were set up with the SQL FALLBACK (scenarios inserted with one set-based statement; target and suite through the API): ${s.importNote}.`,
        );
      log(`suite N=${n} delay=${delay}: ${s.via} in ${s.setupSeconds.toFixed(1)} s`);
      suites.set(key, { ...s, workload: w.workload });
    }
    return suites.get(key)!;
  };
  let currentVariant = "";
  const record = (line: string) => {
    results.b1.lines.push(line);
    say(line);
  };

  try {
    stack = await startStack(cfg, dir);
    results.build_s = stack.buildSeconds;
    const [{ version }] = await stack.sql<{ version: string }[]>`select version()`;
    results.postgres =
      version.split(" ").slice(0, 2).join(" ") +
      (cfg.databaseUrl ? " (BENCH_DATABASE_URL)" : " (embedded, fresh)");

    if (cfg.only.has("profile"))
      results.profile = await profilePass(
        cfg,
        stack,
        await server(0),
        await suiteFor(cfg.profileN, 0),
        dir,
        root,
        cfg.appDir,
      );

    if (cfg.only.has("b1")) {
      if (cfg.systems.has("floor") && cfg.floorDb === "shared") await ensureFloorDb(stack);
      for (const n of cfg.ns) {
        for (const delay of cfg.delays) {
          const srv = await server(delay);
          const suite = await suiteFor(n, delay);
          const reps = n >= 10_000 ? cfg.repsBig : cfg.reps;
          for (let rep = 0; rep < reps; rep++) {
            const systems = ["assay", "floor", "promptfoo"].filter(
              (s) => cfg.systems.has(s) && (s !== "promptfoo" || cfg.pfNs.includes(n)),
            );
            // rotate the order per repetition so slow drifts hit every system alike
            const order = systems.map((_, i) => systems[(i + rep) % systems.length]);
            for (const sys of order) {
              log(`B1 N=${n} delay=${delay} rep ${rep + 1}/${reps}: ${sys}`);
              try {
                if (sys === "assay" && cfg.variants.length) {
                  for (const v of cfg.variants) {
                    if (currentVariant !== v.name) {
                      await stack.restartAll(v.env);
                      currentVariant = v.name;
                    }
                    const r = await assayB1(cfg, stack, srv, suite, n, { tag: v.name });
                    record(`${r.line} rep=${rep + 1}`);
                    if (!r.ok)
                      results.errors.push(
                        `assay[${v.name}] N=${n} delay=${delay}: ${r.problems.join("; ")}`,
                      );
                  }
                } else if (sys === "assay") {
                  const r = await assayB1(cfg, stack, srv, suite, n);
                  record(`${r.line} rep=${rep + 1}`);
                  if (!r.ok)
                    results.errors.push(`assay N=${n} delay=${delay}: ${r.problems.join("; ")}`);
                } else {
                  const l = await peerB1(
                    cfg,
                    stack,
                    sys as "floor" | "promptfoo",
                    n,
                    delay,
                    join(dir, `${sys}.log`),
                  );
                  record(`${l.raw} rep=${rep + 1}`);
                }
              } catch (error) {
                results.errors.push(`${sys} N=${n} delay=${delay}: ${String(error)}`);
                log(`ERROR ${sys}: ${String(error)}`);
              }
            }
          }
        }
      }
      results.b1.cells = b1Cells(results.b1.lines);
      if (cfg.variants.length) results.b1.variants = variantTable(results.b1.lines);
      results.b1.ratios = ratios(results.b1.cells);
      if (!cfg.pfNs.includes(Math.max(...cfg.ns)) && cfg.systems.has("promptfoo"))
        results.notes.push(
          `promptfoo ran at N=${cfg.pfNs.join(", ")} only (set BENCH_FULL=1 to run it at every N; ~3 min at N=10,000).`,
        );
    }

    if (cfg.only.has("b4")) {
      log(`B4: SSE latency during an N=${cfg.b4N} run`);
      try {
        results.b4 = await b4(cfg, stack, await server(0), await suiteFor(cfg.b4N, 0), cfg.b4N);
        say(
          `b4 ${Object.entries(results.b4)
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")}`,
        );
      } catch (error) {
        results.errors.push(`B4: ${String(error)}`);
        log(`ERROR B4: ${String(error)}`);
      }
    }

    if (["b2", "b3", "b5", "b6"].some((b) => cfg.only.has(b))) {
      const base = await suiteFor(cfg.b2.scenarios, 0);
      log(
        `B2: trigger ${cfg.b2.scenarios} × ${cfg.b2.targets} × ${cfg.b2.repeat}; B6 for ${cfg.b6Seconds} s`,
      );
      try {
        results.b2 = await b2b6(cfg, stack, await server(0), base);
        const { b6, ...rest } = results.b2;
        say(
          `b2 ${Object.entries(rest)
            .filter(([, v]) => typeof v !== "object")
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")}`,
        );
        say(
          `b6 ${Object.entries(b6)
            .filter(([, v]) => typeof v !== "object")
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")}`,
        );
      } catch (error) {
        results.errors.push(`B2/B6: ${String(error)}`);
        log(`ERROR B2: ${String(error)}`);
      }
      if (results.b2 && cfg.only.has("b3")) {
        log(
          `B3: ${cfg.b3Connections} connections × ${cfg.b3Seconds} s on GET /api/v1/suite-runs/{id}`,
        );
        try {
          results.b3 = await b3(cfg, stack, results.b2.suite_run_id);
          say(
            `b3 ${Object.entries(results.b3)
              .map(([k, v]) => `${k}=${v}`)
              .join(" ")}`,
          );
        } catch (error) {
          results.errors.push(`B3: ${String(error)}`);
          log(`ERROR B3: ${String(error)}`);
        }
      }
      if (results.b2 && cfg.only.has("b5")) {
        log("B5: run page in Chromium");
        try {
          results.b5 = await b5(stack, results.b2.suite_run_id);
          say(`b5 ${JSON.stringify(results.b5)}`);
          if (!results.b5.available) results.notes.push(results.b5.note);
        } catch (error) {
          results.errors.push(`B5: ${String(error)}`);
          log(`ERROR B5: ${String(error)}`);
        }
      }
    }
  } catch (error) {
    results.errors.push(`fatal: ${error instanceof Error ? error.stack : String(error)}`);
    log(`FATAL: ${error instanceof Error ? error.stack : String(error)}`);
  } finally {
    results.total_s = r1((Date.now() - t0) / 1000);
    results.loadavg_end = loadavg().map(r2);
    if (results.build_s == null && stack) results.build_s = stack.buildSeconds;
    await cleanup();
  }

  if (!cfg.only.has("profile") || cfg.only.size > 1) results.bars = bars(results);
  const md =
    markdown(results) +
    (results.b1.variants ? "\n" + variantMarkdown(results.b1.variants) : "") +
    (results.profile ? "\n" + profileMarkdown(results.profile) : "");
  writeFileSync(join(outDir, `${stamp}.json`), JSON.stringify(results, null, 2));
  writeFileSync(join(outDir, `${stamp}.md`), md);
  writeFileSync(join(outDir, `${stamp}.txt`), results.b1.lines.join("\n") + "\n");
  say("");
  say(md);
  if (results.errors.length) {
    say("Errors:");
    for (const e of results.errors) say(`- ${e}`);
  }
  if (cfg.updateMd) updateBenchmarksMd(root, md);
  log(`wrote bench/out/${stamp}.json, .md, .txt in ${results.total_s} s`);
  process.exit(results.errors.some((e: string) => e.startsWith("fatal")) ? 1 : 0);
}

/** Medians per (N, delay, variant) of the A/B lines (BENCH_VARIANTS). */
function variantTable(lines: string[]) {
  const groups = new Map<string, Record<string, string>[]>();
  for (const raw of lines) {
    const l = parseLine(raw);
    if (!l || l.sys !== "assay" || !l.kv.tag) continue;
    const key = `${l.kv.N}|${l.kv.delay}|${l.kv.tag}`;
    groups.set(key, [...(groups.get(key) ?? []), l.kv]);
  }
  return [...groups.entries()].map(([key, kvs]) => {
    const [n, delay, variant] = key.split("|");
    const m = (k: string) => median(kvs.map((x) => Number(x[k])));
    return {
      n: Number(n),
      delay: Number(delay),
      variant,
      runs: kvs.length,
      walls: kvs.map((x) => Number(x.wall_s)),
      wall_s: r2(m("wall_s")),
      worker_ms_per_run: r2((m("worker_cpu_s") * 1000) / Number(n)),
      pg_ms_per_run: r2((m("pg_cpu_s") * 1000) / Number(n)),
      xacts_per_run: r2(m("xacts_per_run")),
      worker_rss_mb: Math.max(...kvs.map((x) => Number(x.rss_mb))),
      other_cpu_s: r1(m("other_cpu_s")),
    };
  });
}

function variantMarkdown(rows: ReturnType<typeof variantTable>): string {
  const out = [
    "### Variants (BENCH_VARIANTS)",
    "",
    "| N | delay | variant | runs | wall s (median) | walls | worker CPU ms/run | PostgreSQL CPU ms/run | xacts/run | worker RSS MB | other CPU s |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows)
    out.push(
      `| ${r.n} | ${r.delay} | ${r.variant} | ${r.runs} | ${r.wall_s} | ${r.walls.join(", ")} | ${r.worker_ms_per_run} | ${r.pg_ms_per_run} | ${r.xacts_per_run} | ${r.worker_rss_mb} | ${r.other_cpu_s} |`,
    );
  return out.join("\n") + "\n";
}

/** One profiled B1 run: worker under --cpu-prof, PostgreSQL with pg_stat_statements. */
async function profilePass(
  cfg: ReturnType<typeof loadConfig>,
  stack: Stack,
  server: TargetServer,
  suite: BenchSuite,
  dir: string,
  root: string,
  appDir: string,
) {
  const n = cfg.profileN;
  log(`profile: an unprofiled N=${n} run first (baseline), then one under --cpu-prof`);
  const plain = await assayB1(cfg, stack, server, suite, n, { tag: "unprofiled" });
  say(plain.line);
  const profDir = join(dir, "cpuprof");
  mkdirSync(profDir, { recursive: true });
  await stack.restartWorker({
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profDir}`, "--cpu-prof-interval=500"],
  });
  await stack.sql`select pg_stat_statements_reset()`;
  const profiledPid = stack.worker.pid;
  const h0 = process.hrtime.bigint();
  const run = await assayB1(cfg, stack, server, suite, n, { tag: "profiled" });
  const h1 = process.hrtime.bigint();
  say(run.line);
  const stmts = await stack.sql<
    { query: string; calls: number; total_ms: number; mean_ms: number; rows: number }[]
  >`
    select regexp_replace(query, '\\s+', ' ', 'g') as query, calls::float8 as calls, total_exec_time::float8 as total_ms,
      mean_exec_time::float8 as mean_ms, rows::float8 as rows
    from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
    order by total_exec_time desc limit 20`;
  await stack.restartWorker(); // the profile is written when the profiled worker exits
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: the main thread (0) of the profiled worker
  const files = readdirSync(profDir)
    .filter((f) => f.endsWith(".cpuprofile") && f.includes(`.${profiledPid}.0.`))
    .map((f) => join(profDir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!files.length) throw new Error("no .cpuprofile written by the worker's main thread");
  const keep = join(root, "bench", "out", `worker-N${n}.cpuprofile`);
  writeFileSync(keep, readFileSync(files[0]));
  const summary = summariseProfile(files[0], {
    root: appDir,
    fromUs: Number(h0 / 1000n),
    toUs: Number(h1 / 1000n),
    top: 30,
  });
  const kv = parseLine(run.line)!.kv;
  const pk = parseLine(plain.line)!.kv;
  const perRun = (s: string) => r2((Number(s) * 1000) / n);
  return {
    n,
    cpuprofile: `bench/out/worker-N${n}.cpuprofile`,
    unprofiled: {
      wall_s: Number(pk.wall_s),
      worker_ms_per_run: perRun(pk.worker_cpu_s),
      web_ms_per_run: perRun(pk.web_cpu_s),
      pg_ms_per_run: perRun(pk.pg_cpu_s),
      target_ms_per_run: perRun(pk.target_cpu_s),
      xacts_per_run: Number(pk.xacts_per_run),
      other_cpu_s: Number(pk.other_cpu_s),
    },
    profiled: {
      wall_s: Number(kv.wall_s),
      worker_ms_per_run: perRun(kv.worker_cpu_s),
      web_ms_per_run: perRun(kv.web_cpu_s),
      pg_ms_per_run: perRun(kv.pg_cpu_s),
      target_ms_per_run: perRun(kv.target_cpu_s),
      xacts_per_run: Number(kv.xacts_per_run),
      other_cpu_s: Number(kv.other_cpu_s),
    },
    worker_profile: summary,
    pg_statements: stmts.map((s) => ({
      query: s.query.length > 160 ? s.query.slice(0, 157) + "…" : s.query,
      calls: s.calls,
      total_ms: r1(s.total_ms),
      mean_ms: r2(s.mean_ms),
      ms_per_run: r2(s.total_ms / n),
      rows: s.rows,
    })),
  };
}

function profileMarkdown(p: any): string {
  const out: string[] = [];
  out.push(`### Profile: one N=${p.n}, delay 0 run`);
  out.push("");
  out.push(
    "| | wall s | worker CPU ms/run | web CPU ms/run | PostgreSQL CPU ms/run | target CPU ms/run | transactions/run | other CPU s (noise) |",
  );
  out.push("|---|---|---|---|---|---|---|---|");
  for (const k of ["unprofiled", "profiled"]) {
    const x = p[k];
    out.push(
      `| ${k} | ${x.wall_s} | ${x.worker_ms_per_run} | ${x.web_ms_per_run} | ${x.pg_ms_per_run} | ${x.target_ms_per_run} | ${x.xacts_per_run} | ${x.other_cpu_s} |`,
    );
  }
  out.push("");
  const wp = p.worker_profile;
  out.push(
    `Worker CPU profile (${p.cpuprofile}), samples inside the run window: ${wp.busy_ms} ms busy of ${wp.sampled_ms} ms.`,
  );
  out.push("");
  out.push("| component | self ms | % of busy | ms per run |");
  out.push("|---|---|---|---|");
  for (const c of wp.components.slice(0, 20))
    out.push(`| ${c.component} | ${c.self_ms} | ${c.pct_of_busy} | ${r2(c.self_ms / p.n)} |`);
  out.push("");
  out.push("| function | where | self ms | % of busy |");
  out.push("|---|---|---|---|");
  for (const f of wp.functions.slice(0, 25))
    out.push(`| ${f.fn} | ${f.where} | ${f.self_ms} | ${f.pct_of_busy} |`);
  out.push("");
  out.push("PostgreSQL statements (pg_stat_statements, whole database, during the profiled run):");
  out.push("");
  out.push("| statement | calls | total ms | mean ms | ms per run |");
  out.push("|---|---|---|---|---|");
  for (const s of p.pg_statements.slice(0, 12))
    out.push(
      `| \`${s.query.replace(/\|/g, "\\|")}\` | ${s.calls} | ${s.total_ms} | ${s.mean_ms} | ${s.ms_per_run} |`,
    );
  out.push("");
  return out.join("\n");
}

/** BENCH_UPDATE_MD=1: replace the generated block of BENCHMARKS.md with this run's tables. */
function updateBenchmarksMd(root: string, md: string) {
  const file = join(root, "BENCHMARKS.md");
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    text = "# Benchmarks\n\n<!-- bench:begin -->\n<!-- bench:end -->\n";
  }
  const begin = "<!-- bench:begin -->";
  const end = "<!-- bench:end -->";
  if (!text.includes(begin) || !text.includes(end)) text += `\n${begin}\n${end}\n`;
  const next = text.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), `${begin}\n${md}\n${end}`);
  writeFileSync(file, next);
  log("updated the generated block of BENCHMARKS.md");
}

void main();
