/** Turns the collected results into markdown: machine, B1 medians with ratios, and the bars. */
import { cpus, totalmem, release } from "node:os";
import { readFileSync } from "node:fs";
import { median, parseLine, r1, r2, type Line } from "./measure";

export function machineInfo() {
  let model = cpus()[0]?.model ?? "";
  try {
    model = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? model;
  } catch {
    /* not Linux */
  }
  return {
    nproc: cpus().length,
    memory_gb: r1(totalmem() / 1024 ** 3),
    cpu_model: model,
    node: process.version,
    kernel: release(),
  };
}

export type B1Cell = {
  n: number;
  delay: number;
  sys: string;
  runs: number;
  wall_s: number;
  cases_per_s: number;
  rss_mb: number;
  cpu_s: number;
  other_cpu_s: number;
  rows: string;
  failures: number;
};

export function b1Cells(lines: string[]): B1Cell[] {
  const groups = new Map<string, Line[]>();
  for (const raw of lines) {
    const l = parseLine(raw);
    if (!l || !["assay", "floor", "promptfoo"].includes(l.sys) || l.kv.tag) continue;
    const key = `${l.kv.N}|${l.kv.delay}|${l.sys}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const order = { assay: 0, floor: 1, promptfoo: 2 } as Record<string, number>;
  return [...groups.entries()]
    .map(([key, ls]) => {
      const [n, delay, sys] = key.split("|");
      const wall = median(ls.map((l) => Number(l.kv.wall_s)));
      return {
        n: Number(n),
        delay: Number(delay),
        sys,
        runs: ls.length,
        wall_s: r2(wall),
        cases_per_s: r1(Number(n) / wall),
        rss_mb: Math.max(...ls.map((l) => Number(l.kv.rss_mb) || 0)),
        cpu_s: r1(median(ls.map((l) => Number(l.kv.cpu_s)))),
        other_cpu_s: r1(median(ls.map((l) => Number(l.kv.other_cpu_s)))),
        rows: ls.map((l) => l.kv.db_rows ?? "-").join("/"),
        failures: ls.filter((l) => (l.kv.rc && !["0", "100"].includes(l.kv.rc)) || l.kv.script_rc)
          .length,
      };
    })
    .sort((a, b) => a.n - b.n || a.delay - b.delay || order[a.sys] - order[b.sys]);
}

export function ratios(cells: B1Cell[]) {
  const out: { n: number; delay: number; assay_floor: number; pf_assay: number }[] = [];
  const get = (n: number, d: number, s: string) =>
    cells.find((c) => c.n === n && c.delay === d && c.sys === s);
  for (const c of cells.filter((x) => x.sys === "assay")) {
    const f = get(c.n, c.delay, "floor");
    const p = get(c.n, c.delay, "promptfoo");
    out.push({
      n: c.n,
      delay: c.delay,
      assay_floor: f ? r2(c.wall_s / f.wall_s) : NaN,
      pf_assay: p ? r2(p.wall_s / c.wall_s) : NaN,
    });
  }
  return out;
}

const fmt = (x: unknown) =>
  typeof x === "number" ? (Number.isFinite(x) ? String(x) : "–") : String(x ?? "–");

export function markdown(results: any): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `Run ${results.started_at} (${results.mode}); total ${fmt(results.total_s)} s` +
      (results.build_s ? `, of which \`next build\` ${fmt(results.build_s)} s` : "") +
      ".",
  );
  out.push("");
  out.push(
    `Machine: ${m.nproc} × ${m.cpu_model}, ${m.memory_gb} GB RAM, Node ${m.node}, Linux ${m.kernel}, ${results.postgres ?? ""}.`,
  );
  out.push(
    `Load average at start: ${results.loadavg_start?.join(" ")}; at end: ${results.loadavg_end?.join(" ")}.`,
  );
  out.push("");
  const cells: B1Cell[] = results.b1?.cells ?? [];
  if (cells.length) {
    out.push("### B1 medians");
    out.push("");
    out.push(
      "| N | delay ms | system | runs | wall s (median) | cases/s | peak RSS MB | CPU s (median) | other CPU s (noise) | rows | Assay/floor | promptfoo/Assay |",
    );
    out.push("|---|---|---|---|---|---|---|---|---|---|---|---|");
    const rs = ratios(cells);
    for (const c of cells) {
      const r = rs.find((x) => x.n === c.n && x.delay === c.delay);
      out.push(
        `| ${c.n} | ${c.delay} | ${c.sys} | ${c.runs} | ${fmt(c.wall_s)} | ${fmt(c.cases_per_s)} | ${fmt(c.rss_mb)} | ${fmt(c.cpu_s)} | ${fmt(c.other_cpu_s)} | ${c.rows} | ${c.sys === "assay" ? fmt(r?.assay_floor) : ""} | ${c.sys === "assay" ? fmt(r?.pf_assay) : ""} |`,
      );
    }
    out.push("");
    out.push(
      "Assay: wall = `POST /suites/{id}/runs` → `GET /suite-runs/{id}` says terminal (polled every " +
        `${results.config?.poll_ms} ms); RSS = worker process max (web separately in the raw lines); CPU = worker + web (PostgreSQL in \`pg_cpu_s\`). ` +
        "floor/promptfoo: GNU time of their process; their `other_cpu_s` includes PostgreSQL (floor) and everything else on the machine.",
    );
    out.push("");
  }
  out.push("### Bars");
  out.push("");
  out.push("| bar | what | measured | bar | verdict |");
  out.push("|---|---|---|---|---|");
  for (const b of results.bars ?? [])
    out.push(`| ${b.id} | ${b.what} | ${b.measured} | ${b.bar} | ${b.verdict} |`);
  out.push("");
  if (results.notes?.length) {
    out.push("Notes:");
    for (const n of results.notes) out.push(`- ${n}`);
    out.push("");
  }
  return out.join("\n");
}

/** The verdict per bar from whatever was measured. */
export function bars(results: any) {
  const list: { id: string; what: string; measured: string; bar: string; verdict: string }[] = [];
  const v = (ok: boolean | null) => (ok === null ? "not measured" : ok ? "**met**" : "**missed**");
  const rs = ratios(results.b1?.cells ?? []);
  const big = rs.filter((r) => r.delay === 0).sort((a, b) => b.n - a.n)[0];
  list.push({
    id: "B1",
    what: `Assay/floor wall at N=${big?.n ?? "?"}, delay 0`,
    measured: big ? `${fmt(big.assay_floor)}×` : "–",
    bar: "≤ 2×",
    verdict: v(big && Number.isFinite(big.assay_floor) ? big.assay_floor <= 2 : null),
  });
  const b2 = results.b2;
  list.push({
    id: "B2",
    what: b2
      ? `trigger ${b2.runs_expected.toLocaleString("en")} runs: response; web RSS max`
      : "trigger 150,000 runs",
    measured: b2 ? `${(b2.response_ms / 1000).toFixed(2)} s; ${b2.web_rss_max_mb} MB` : "–",
    bar: "≤ 3 s; ≤ 512 MB",
    verdict: v(
      b2
        ? b2.response_ms <= 3000 && b2.web_rss_max_mb <= 512 && b2.runs_written === b2.runs_expected
        : null,
    ),
  });
  const b3 = results.b3;
  list.push({
    id: "B3",
    what: b3
      ? `GET suite run (${b3.response_bytes} B), ${b3.connections} connections, ${b3.seconds} s: p50 / p99 (req/s)`
      : "GET suite run under 100 connections",
    measured: b3
      ? `${fmt(b3.p50_ms)} / ${fmt(b3.p99_ms)} ms (${fmt(r1(b3.requests_per_s))}/s, non-2xx ${b3.non_2xx})`
      : "–",
    bar: "p99 ≤ 50 ms",
    verdict: v(b3 ? b3.p99_ms <= 50 && !b3.non_2xx && !b3.errors : null),
  });
  const b4 = results.b4;
  list.push({
    id: "B4",
    what: b4
      ? `completed_at → SSE receipt, N=${b4.n} run (${b4.measured} events): p50 / p95`
      : "commit → SSE receipt",
    measured: b4 ? `${fmt(b4.p50_ms)} / ${fmt(b4.p95_ms)} ms` : "–",
    bar: "p95 ≤ 250 ms",
    verdict: v(b4 ? b4.p95_ms <= 250 : null),
  });
  const b5 = results.b5;
  list.push({
    id: "B5",
    what: "run page of the B2 suite run in Chromium: interactive; scroll loads rows on demand",
    measured: b5
      ? b5.available
        ? `${(b5.first_load.main_thread_free_ms / 1000).toFixed(2)} s; on demand: ${b5.scroll?.loads_on_demand}, DOM rows ≤ ${b5.scroll?.dom_rows_max}`
        : b5.note
      : "–",
    bar: "≤ 2 s; virtualized",
    verdict: b5
      ? b5.available
        ? v(
            b5.first_load.main_thread_free_ms <= 2000 &&
              b5.scroll?.loads_on_demand &&
              b5.scroll?.bounded,
          )
        : "**not measurable** (page missing)"
      : v(null),
  });
  const b6 = results.b2?.b6;
  list.push({
    id: "B6",
    what: b6
      ? `worker RSS max over ${b6.seconds} s of the B2 run (${b6.runs_per_s} runs/s)`
      : "worker RSS during B2's run",
    measured: b6 ? `${b6.worker_rss_max_mb} MB` : "–",
    bar: "≤ 300 MB",
    verdict: v(b6 ? b6.worker_rss_max_mb <= 300 : null),
  });
  return list;
}
