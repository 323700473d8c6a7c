/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL), migrations, first-boot seed, the demo agent,
 * one in-process worker, and the web app on PORT — all in this process.
 */
import { createServer } from "node:http";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import next from "next";
import { bootDatabase } from "@/lib/boot/runtime";
import { applyInitEnv } from "@/lib/boot/init";
import { getDb, closeDb } from "@/db/client";
import { seedDemo, repointDemoTarget } from "@/lib/demo/seed";
import { startDemoAgent } from "@/lib/demo/agent";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { closeBus } from "@/lib/events/bus";
import { log } from "@/lib/log";
import { serveFromMemory } from "@/lib/http/fast-path";

const root = process.cwd();
const dev = process.env.ASSAY_DEV === "1";
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestSourceMtime(path) : statSync(path).mtimeMs,
    );
  }
  return newest;
}

/** Build the web app when there is no build yet or the sources changed since the last one. */
function ensureBuild() {
  const buildId = join(root, ".next", "BUILD_ID");
  const sources = ["app", "components", "lib"].filter((d) => existsSync(join(root, d)));
  const stale =
    !existsSync(buildId) ||
    sources.some((d) => newestSourceMtime(join(root, d)) > statSync(buildId).mtimeMs);
  if (!stale || process.env.ASSAY_SKIP_BUILD === "1") return;
  log.info("building the web app (first start or sources changed)…");
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
    { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  if (!dev) ensureBuild();
  const database = await bootDatabase();
  log.info("database ready", { embedded: database.embedded });

  const agentPort = Number(process.env.ASSAY_DEMO_AGENT_PORT ?? 3939);
  const agent = await startDemoAgent(agentPort).catch(() => startDemoAgent(0));
  const db = getDb();
  await applyInitEnv(db);
  if (process.env.ASSAY_SEED !== "off") {
    const { seeded } = await seedDemo(db, agent.url);
    if (seeded) log.info("seeded the demo project", { agent: agent.url });
    await repointDemoTarget(db, agent.url);
  }

  let worker: WorkerHandle | null = null;
  if (process.env.ASSAY_WORKER !== "off") worker = await startWorker();

  const app = next({ dev, dir: root, hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    if (!serveFromMemory(req, res)) void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  log.info("ready", {
    url: `http://localhost:${port}`,
    worker: worker?.workerId ?? "off",
    demoAgent: agent.url,
  });
  console.log(`\n  Assay is running: http://localhost:${port}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    server.close();
    server.closeAllConnections();
    agent.server.close();
    await worker?.stop().catch(() => {});
    await closeBus().catch(() => {});
    await closeDb().catch(() => {});
    await database.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
