/**
 * Summarise a V8 .cpuprofile (node --cpu-prof): self time per function and per component
 * (package, node core, Assay module, GC, idle), optionally only for samples inside a monotonic
 * time window (process.hrtime of the harness = the profile's clock, CLOCK_MONOTONIC in µs).
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type ProfileSummary = {
  window_ms: number;
  sampled_ms: number;
  busy_ms: number;
  components: { component: string; self_ms: number; pct_of_busy: number }[];
  functions: {
    fn: string;
    where: string;
    component: string;
    self_ms: number;
    pct_of_busy: number;
  }[];
};

export function component(cf: CallFrame, root: string): string {
  const { functionName: fn, url } = cf;
  if (fn === "(idle)") return "(idle)";
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)") return "V8/native (program)";
  if (fn === "(root)") return "(root)";
  if (!url) return "V8 builtins (JSON, RegExp, Promise…)";
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "/node_modules/".length).split("/");
    return `npm:${rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith("node:")) {
    const parts = url.slice(5).split("/");
    return `node:${parts[0] === "internal" ? parts.slice(1, 2).join("/") : parts[0]}`;
  }
  const path = url.startsWith("file://") ? new URL(url).pathname : url;
  if (path.startsWith(root)) {
    const rel = relative(root, path);
    return `assay:${rel.split("/").slice(0, 2).join("/")}`;
  }
  return url;
}

export function summariseProfile(
  file: string,
  opts: { root: string; fromUs?: number; toUs?: number; top?: number },
): ProfileSummary {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = p.startTime;
  let sampled = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (opts.fromUs !== undefined && t < opts.fromUs) continue;
    if (opts.toUs !== undefined && t > opts.toUs) continue;
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + dt);
    sampled += dt;
  }
  const comp = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; component: string; us: number }>();
  for (const [id, us] of self) {
    const cf = byId.get(id)!.callFrame;
    const c = component(cf, opts.root);
    comp.set(c, (comp.get(c) ?? 0) + us);
    const where = cf.url ? `${shortUrl(cf.url, opts.root)}:${cf.lineNumber + 1}` : "";
    const key = `${cf.functionName}|${where}`;
    const e = fns.get(key) ?? { fn: cf.functionName || "(anonymous)", where, component: c, us: 0 };
    e.us += us;
    fns.set(key, e);
  }
  const idle = comp.get("(idle)") ?? 0;
  const busy = sampled - idle;
  const pct = (us: number) => Math.round((us / Math.max(1, busy)) * 1000) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    window_ms: ms((opts.toUs ?? p.endTime) - (opts.fromUs ?? p.startTime)),
    sampled_ms: ms(sampled),
    busy_ms: ms(busy),
    components: [...comp.entries()]
      .filter(([c]) => c !== "(idle)")
      .sort((a, b) => b[1] - a[1])
      .map(([c, us]) => ({ component: c, self_ms: ms(us), pct_of_busy: pct(us) })),
    functions: [...fns.values()]
      .filter((f) => f.component !== "(idle)")
      .sort((a, b) => b.us - a.us)
      .slice(0, opts.top ?? 30)
      .map((f) => ({
        fn: f.fn,
        where: f.where,
        component: f.component,
        self_ms: ms(f.us),
        pct_of_busy: pct(f.us),
      })),
  };
}

function shortUrl(url: string, root: string): string {
  const path = url.startsWith("file://") ? new URL(url).pathname : url;
  const nm = path.lastIndexOf("/node_modules/");
  if (nm >= 0) return path.slice(nm + "/node_modules/".length);
  return path.startsWith(root) ? relative(root, path) : path;
}
