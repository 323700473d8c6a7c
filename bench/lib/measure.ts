/** Shared measurement helpers: result lines in the peers' format, medians, percentiles, quiet waits. */
import { machineBusySeconds, sleep } from "./proc";
import { stackCpu, type Stack } from "./stack";

export type Line = { sys: string; kv: Record<string, string>; raw: string };

export function parseLine(raw: string): Line | null {
  const m = raw.trim().match(/^(\S+) (.*)$/);
  if (!m) return null;
  const kv = Object.fromEntries(
    m[2]
      .split(" ")
      .map((t) => t.split("="))
      .filter((p) => p.length === 2),
  );
  return { sys: m[1], kv, raw: raw.trim() };
}

export function formatLine(
  sys: string,
  kv: Record<string, string | number | null | undefined>,
): string {
  return `${sys} ${Object.entries(kv)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k}=${v}`)
    .join(" ")}`;
}

export const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};

export const r1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : NaN);
export const r2 = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : NaN);

/** CPU accounting over one measurement: Assay's processes, PostgreSQL, the target, the harness, the rest. */
export function cpuWindow(stack: Stack, targetPids: number[]) {
  const a = stackCpu(stack, targetPids);
  const m0 = machineBusySeconds();
  const self0 = process.cpuUsage();
  return () => {
    const b = stackCpu(stack, targetPids);
    const m1 = machineBusySeconds();
    const self = process.cpuUsage(self0);
    const harness = (self.user + self.system) / 1e6;
    const worker = b.worker - a.worker;
    const web = b.web - a.web;
    const pg = b.pg - a.pg;
    const target = b.extra - a.extra;
    const machine = m1 - m0;
    return {
      worker,
      web,
      pg,
      target,
      harness,
      machine,
      other: Math.max(0, machine - worker - web - pg - target - harness),
    };
  };
}

/**
 * Like the peers' wait_for_quiet: wait (at most `maxS`) until processes outside the bench use less
 * than QUIET_MAX_CORES (0.3) over a 2 s sample. Returns the cores others used in the last sample.
 */
export async function waitForQuiet(
  stack: Stack,
  maxS: number,
  extraPids: number[] = [],
): Promise<number> {
  const limit = Number(process.env.QUIET_MAX_CORES ?? 0.3);
  const until = Date.now() + maxS * 1000;
  for (;;) {
    const end = cpuWindow(stack, extraPids);
    await sleep(2000);
    const c = end();
    const others = c.other / 2;
    if (others <= limit || Date.now() >= until) return r2(others);
  }
}
