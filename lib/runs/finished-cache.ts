/**
 * The serialized answer of `GET /api/v1/suite-runs/{id}` for finished suite runs. A finished suite run
 * never changes (every child is terminal and counted; a resubmit makes a new suite run), so CI pollers
 * and dashboards re-reading a big run cost no queries and no serialization. Bounded by bytes, oldest
 * out. On `globalThis`: the fast path of the HTTP server (lib/http/fast-path.ts) reads what the route
 * handler, in the Next.js bundle's copy of this module, wrote.
 */
export type FinishedSuiteRun = {
  projectId: string;
  body: Buffer;
  /** The body gzipped, made the first time a client accepts gzip. */
  gzipped?: Buffer;
};

const MAX_BYTES = 32 * 1024 * 1024;

type State = { entries: Map<string, FinishedSuiteRun>; bytes: number };
const slot = Symbol.for("assay.finishedSuiteRuns");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= {
  entries: new Map(),
  bytes: 0,
});

export function finishedSuiteRun(id: string): FinishedSuiteRun | undefined {
  return state.entries.get(id);
}

export function rememberFinishedSuiteRun(id: string, projectId: string, json: string): Buffer {
  const body = Buffer.from(json);
  if (body.length > MAX_BYTES / 4 || state.entries.has(id)) return body;
  while (state.bytes + body.length > MAX_BYTES) {
    const [oldest, entry] = state.entries.entries().next().value as [string, FinishedSuiteRun];
    state.entries.delete(oldest);
    state.bytes -= entry.body.length;
  }
  state.entries.set(id, { projectId, body });
  state.bytes += body.length;
  return body;
}
