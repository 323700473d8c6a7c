/**
 * The shared workload (../shared/peers): the loopback target server, the generator, and turning
 * `workload.json` into an Assay suite — through the workload importer when the server has it,
 * otherwise (FALLBACK, reported as such) scenarios inserted with SQL and target + suite made via the API.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { newIds } from "@/lib/ids";
import { runCommand, sleep, spawnLogged, type Child } from "./proc";
import type { Stack } from "./stack";

export type TargetServer = {
  url: string;
  delay: number;
  child: Child;
  requests: () => Promise<number>;
};

export async function startTargetServer(
  peersDir: string,
  delay: number,
  logFile: string,
): Promise<TargetServer> {
  let url = "";
  const child = spawnLogged("target", process.execPath, [join(peersDir, "target-server.js")], {
    env: { ...process.env, PORT: "0", DELAY_MS: String(delay), HOST: "127.0.0.1" },
    logFile,
    onLine: (line) => {
      const m = line.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) url = m[0];
    },
  });
  for (let i = 0; i < 200 && !url; i++) await sleep(25);
  if (!url) throw new Error(`target-server.js did not start; see ${logFile}`);
  return {
    url,
    delay,
    child,
    requests: async () =>
      ((await (await fetch(`${url}/stats`)).json()) as { requests: number }).requests,
  };
}

export type WorkloadCase = {
  name: string;
  input: string;
  scorers: (
    | { type: "contains"; value: string }
    | { type: "regex"; pattern: string; flags?: string }
    | { type: "json_schema"; schema: unknown }
  )[];
  expected_pass: boolean;
};
export type Workload = {
  format: string;
  n: number;
  target: { url: string; method: string; body: unknown; output_path: string };
  cases: WorkloadCase[];
};

export async function generateWorkload(
  peersDir: string,
  n: number,
  url: string,
  outDir: string,
  logFile: string,
): Promise<{ path: string; text: string; workload: Workload }> {
  const r = await runCommand(
    process.execPath,
    [join(peersDir, "gen-workload.js"), "--n", String(n), "--url", `${url}/`, "--out", outDir],
    { logFile },
  );
  if (r.code !== 0) throw new Error(`gen-workload.js failed; see ${logFile}`);
  const path = join(outDir, "workload.json");
  const text = readFileSync(path, "utf8");
  return { path, text, workload: JSON.parse(text) as Workload };
}

/** The workload's scorer shapes in Assay's terms (docs/api.md "Scenario"). */
export function toAssayScorer(s: WorkloadCase["scorers"][number]) {
  const base = { threshold: 1, applies_to: "final" as const };
  switch (s.type) {
    case "contains": // the workload's contains is case-sensitive
      return {
        type: "contains",
        ...base,
        config: { values: [s.value], mode: "all", case_sensitive: true },
      };
    case "regex":
      return {
        type: "regex",
        ...base,
        config: { pattern: s.pattern, ...(s.flags ? { flags: s.flags } : {}) },
      };
    case "json_schema":
      return { type: "json_schema", ...base, config: { schema: s.schema } };
  }
}

/** The workload's target in Assay's terms: body template as given, output_path "output" → "$.output". */
export function toAssayTarget(w: Workload, name: string) {
  const p = w.target.output_path;
  return {
    name,
    type: "http",
    config: {
      url: w.target.url,
      method: w.target.method,
      body_template: w.target.body,
      output_path: p.startsWith("$") ? p : `$.${p}`,
    },
    timeout_ms: 30_000,
    retries: 2,
  };
}

export type BenchSuite = {
  suiteId: string;
  targetId: string;
  scenarioIds: string[];
  via: "import" | "sql-fallback";
  importNote: string;
  setupSeconds: number;
};

/** Make the workload a suite: `POST /api/v1/scenarios/import?format=workload` if available, else the fallback. */
export async function workloadSuite(
  stack: Stack,
  w: { text: string; workload: Workload },
  name: string,
): Promise<BenchSuite> {
  const t0 = Date.now();
  const imp = await stack.api.call(
    "POST",
    `/api/v1/scenarios/import?format=workload&suite_name=${encodeURIComponent(name)}`,
    w.text,
    { "content-type": "application/json" },
  );
  if (imp.status >= 200 && imp.status < 300 && imp.body?.suite_id) {
    const suiteId: string = imp.body.suite_id;
    const targetId: string = imp.body.target_id;
    const scenarioIds = (
      await stack.sql<{ scenario_id: string }[]>`
        select scenario_id from suite_scenarios where suite_id = ${suiteId} order by position`
    ).map((r) => r.scenario_id);
    if (scenarioIds.length !== w.workload.n)
      throw new Error(`import made ${scenarioIds.length} scenarios, expected ${w.workload.n}`);
    return {
      suiteId,
      targetId,
      scenarioIds,
      via: "import",
      importNote: "",
      setupSeconds: (Date.now() - t0) / 1000,
    };
  }
  const importNote = `POST /api/v1/scenarios/import?format=workload answered ${imp.status}${[404, 405].includes(imp.status) ? " (no such route yet)" : `: ${imp.text.slice(0, 200)}`}`;

  // FALLBACK: scenarios by SQL (set-based), target and suite through the API.
  const target = await stack.api.ok(
    "POST",
    "/api/v1/targets",
    toAssayTarget(w.workload, `${name} target`),
  );
  const scenarioIds = await insertScenariosSql(stack, w.workload);
  const suite = await stack.api.ok("POST", "/api/v1/suites", {
    name,
    scenario_ids: scenarioIds,
    target_ids: [target.body.id],
    repeat_count: 1,
    pass_threshold: 1,
  });
  return {
    suiteId: suite.body.id,
    targetId: target.body.id,
    scenarioIds,
    via: "sql-fallback",
    importNote,
    setupSeconds: (Date.now() - t0) / 1000,
  };
}

/** FALLBACK for the importer: one set-based insert of every case as a scenario. */
export async function insertScenariosSql(stack: Stack, w: Workload): Promise<string[]> {
  const ids = newIds("scenario", w.cases.length);
  const rows = w.cases.map((c, i) => ({
    id: ids[i],
    name: c.name,
    input: c.input,
    scorers: c.scorers.map(toAssayScorer),
  }));
  await stack.sql`
    insert into scenarios (id, project_id, name, input, scorers)
    select x.id, ${stack.projectId}, x.name, x.input, x.scorers
    from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as x(id text, name text, input jsonb, scorers jsonb)`;
  return ids;
}
