/**
 * Process plumbing for the benchmark: spawn children with logs, read RSS and CPU from /proc,
 * sample RSS on an interval, and account the machine's CPU so noise from other users is visible.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

export const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const nowMs = () => performance.timeOrigin + performance.now();

/** VmRSS of one process in MB, or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

type Stat = { ppid: number; utime: number; stime: number; cutime: number; cstime: number };

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // rest[0] is field 3 (state); utime is field 14
    return {
      ppid: Number(rest[1]),
      utime: Number(rest[11]),
      stime: Number(rest[12]),
      cutime: Number(rest[13]),
      cstime: Number(rest[14]),
    };
  } catch {
    return null;
  }
}

/** CPU seconds (user + sys) of a process; with `reaped`, plus what its waited-for children used. */
export function cpuSeconds(pid: number, reaped = false): number {
  const s = readStat(pid);
  if (!s) return 0;
  return (s.utime + s.stime + (reaped ? s.cutime + s.cstime : 0)) / CLK_TCK;
}

/** Every live descendant of `pid`. */
export function descendants(pid: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (!s) continue;
    const list = byParent.get(s.ppid) ?? [];
    list.push(Number(name));
    byParent.set(s.ppid, list);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of byParent.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** CPU seconds of a process tree: the root (with reaped children) plus its live descendants. */
export function treeCpuSeconds(pid: number): number {
  return cpuSeconds(pid, true) + descendants(pid).reduce((s, p) => s + cpuSeconds(p), 0);
}

/** Busy jiffies of the whole machine (user+nice+system+irq+softirq+steal), as the peers' bench-lib.sh counts them. */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / CLK_TCK;
}

/** Samples the RSS of named processes every `intervalMs`; `stop()` returns max/last per name. */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  readonly max: Record<string, number> = {};
  readonly last: Record<string, number> = {};
  samples = 0;
  constructor(
    private readonly pids: Record<string, () => number | null>,
    private readonly intervalMs = 200,
  ) {}
  start(): this {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    return this;
  }
  tick(): void {
    this.samples++;
    for (const [name, get] of Object.entries(this.pids)) {
      const pid = get();
      const r = pid ? rssMb(pid) : null;
      if (r == null) continue;
      this.last[name] = r;
      this.max[name] = Math.max(this.max[name] ?? 0, r);
    }
  }
  stop(): { max: Record<string, number>; last: Record<string, number> } {
    if (this.timer) clearInterval(this.timer);
    this.tick();
    return { max: { ...this.max }, last: { ...this.last } };
  }
}

export type Child = {
  name: string;
  proc: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals, timeoutMs?: number) => Promise<void>;
};

/** Spawn a child with stdout+stderr appended to `logFile`; optional `onLine` sees stdout lines. */
export function spawnLogged(
  name: string,
  cmd: string,
  args: string[],
  opts: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    logFile: string;
    onLine?: (line: string) => void;
  },
): Child {
  const log = createWriteStream(opts.logFile, { flags: "a" });
  const proc = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let buf = "";
  proc.stdout!.on("data", (d: Buffer) => {
    log.write(d);
    if (!opts.onLine) return;
    buf += d.toString();
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      opts.onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  proc.stderr!.on("data", (d: Buffer) => log.write(d));
  const exited = new Promise<number | null>((resolve) =>
    proc.on("exit", (code) => {
      log.end();
      resolve(code);
    }),
  );
  return {
    name,
    proc,
    pid: proc.pid!,
    exited,
    stop: async (signal = "SIGTERM", timeoutMs = 15_000) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      const t = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Run a command to completion; resolves with stdout (stderr goes to `logFile`). */
export function runCommand(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string; timeoutMs?: number },
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(opts.logFile, { flags: "a" });
    const proc = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      log.write(d);
    });
    proc.stderr.on("data", (d: Buffer) => log.write(d));
    const timer = opts.timeoutMs ? setTimeout(() => proc.kill("SIGTERM"), opts.timeoutMs) : null;
    proc.on("error", reject);
    proc.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      log.end();
      resolve({ code, stdout: out });
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The postmaster pid of a data dir (first line of postmaster.pid). */
export function postmasterPid(dataDir: string): number | null {
  const f = `${dataDir}/postmaster.pid`;
  if (!existsSync(f)) return null;
  const pid = Number(readFileSync(f, "utf8").split("\n")[0]);
  return pid > 0 ? pid : null;
}
