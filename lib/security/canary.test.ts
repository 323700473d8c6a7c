import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/test/server";
import { createTestProject, type TestProject } from "@/lib/test/fixtures";
import { reply, startAgent, type TestAgent } from "@/lib/test/agent";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";

/**
 * A canary secret used by a target, which the agent echoes back in every way it can (output, error
 * bodies, tool calls, headers), must never appear in any API response, SSE event, export, share
 * report, log line or error message.
 */
const CANARY = "canary-7d1e55a0c4b94f2c";

let server: TestServer;
let worker: WorkerHandle;
let agent: TestAgent;
let project: TestProject;
const logged: string[] = [];
const originalStdout = process.stdout.write.bind(process.stdout);
const originalStderr = process.stderr.write.bind(process.stderr);

beforeAll(async () => {
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return (originalStdout as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return (originalStderr as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  server = await startTestServer();
  worker = await startWorker({ concurrency: 8 });
  project = await createTestProject("canary");
  agent = await startAgent((body, req, res) => {
    const seen = `${req.headers.authorization} ${JSON.stringify(body)}`;
    const input = String(body?.input ?? "");
    if (input.includes("crash")) return reply(res, 500, { error: `backend rejected ${seen}` });
    if (input.includes("tool"))
      return reply(res, 200, {
        output: "calling",
        tool_calls: [
          { function: { name: "lookup", arguments: JSON.stringify({ token: CANARY }) } },
        ],
      });
    reply(res, 200, { output: `I saw ${seen}` });
  });
});
afterAll(async () => {
  process.stdout.write = originalStdout;
  process.stderr.write = originalStderr;
  await worker?.stop();
  await server?.close();
  await agent?.close();
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${project.keys.admin}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

describe("a canary secret", () => {
  it("never leaves the worker: not in responses, streams, exports, share pages or logs", async () => {
    const texts: [string, string][] = [];
    const record = (name: string, r: { status: number; text: string }) => {
      texts.push([name, r.text]);
      return r.text
        ? JSON.parse(r.text.startsWith("{") || r.text.startsWith("[") ? r.text : "null")
        : null;
    };

    record(
      "secret create",
      await api("POST", "/api/v1/secrets", { name: "AGENT_TOKEN", value: CANARY }),
    );
    const target = record(
      "target create",
      await api("POST", "/api/v1/targets", {
        name: "echoing agent",
        type: "http",
        config: {
          url: agent.url,
          headers: { Authorization: "Bearer {{secrets.AGENT_TOKEN}}" },
          body_template: { input: "{{input}}", key: "{{secrets.AGENT_TOKEN}}" },
        },
        retries: 0,
      }),
    );
    const scorers = [
      { type: "contains", config: { values: ["saw"] } },
      { type: "regex", config: { pattern: "Bearer (\\S+)" } },
      {
        type: "javascript",
        config: { source: "export default (o) => ({ score: 1, reason: String(o) })" },
      },
    ];
    const ids: string[] = [];
    for (const input of ["hello", "crash now", "tool please"]) {
      ids.push(
        record("scenario", await api("POST", "/api/v1/scenarios", { name: input, input, scorers }))
          .id,
      );
    }
    const suite = record(
      "suite",
      await api("POST", "/api/v1/suites", {
        name: "Canary",
        scenario_ids: ids,
        target_ids: [target.id],
        pass_threshold: 0,
      }),
    );
    record("target get", await api("GET", `/api/v1/targets/${target.id}`));
    record(
      "target test",
      await api("POST", `/api/v1/targets/${target.id}/test`, { input: "hello" }),
    );
    record(
      "target test error",
      await api("POST", `/api/v1/targets/${target.id}/test`, { input: "crash" }),
    );

    const run = record("trigger", await api("POST", `/api/v1/suites/${suite.id}/runs`, {}));
    const events = await fetch(`${server.url}/api/v1/suite-runs/${run.id}/events`, {
      headers: { authorization: `Bearer ${project.keys.read}` },
    });
    texts.push(["sse", await events.text()]); // ends at suite_run.completed

    const detail = record("suite run", await api("GET", `/api/v1/suite-runs/${run.id}`));
    expect(detail.status).not.toBe("running");
    for (const r of detail.runs) record(`run ${r.id}`, await api("GET", `/api/v1/runs/${r.id}`));
    record("children", await api("GET", `/api/v1/suite-runs/${run.id}/runs`));
    record("results", await api("GET", `/api/v1/suite-runs/${run.id}/results`));
    for (const format of ["csv", "json", "junit"])
      record(
        `export ${format}`,
        await api("GET", `/api/v1/suite-runs/${run.id}/export?format=${format}`),
      );
    const share = record("share", await api("POST", `/api/v1/suite-runs/${run.id}/share`, {}));
    const token = share.url.split("/share/")[1];
    record("share report", await api("GET", `/api/share/${token}`));
    record("experiments poll", await api("GET", `/api/evaluations/v3/runs/${run.id}`));
    record("openapi", await api("GET", `/api/openapi.json`));

    // The agent did receive the secret: the test would be vacuous otherwise.
    expect(agent.calls.some((c) => String(c.headers.authorization).includes(CANARY))).toBe(true);
    expect(detail.errored_count + detail.passed_count + detail.failed_count).toBe(3);
    const leaks = texts.filter(([, text]) => text.includes(CANARY)).map(([name]) => name);
    expect(leaks).toEqual([]);
    const logLeaks = logged.filter((line) => line.includes(CANARY));
    expect(logLeaks).toEqual([]);
    expect(texts.length).toBeGreaterThan(20);
  }, 60_000);
});
