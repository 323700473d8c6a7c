/* eslint-disable @typescript-eslint/no-explicit-any -- a test helper reading arbitrary JSON from the API */
import { expect } from "vitest";
import { reply, startAgent, type TestAgent } from "@/lib/test/agent";
import { createTestProject, type TestProject } from "@/lib/test/fixtures";
import { seedSuite } from "@/lib/test/seed";
import { startTestServer, type TestServer } from "@/lib/test/server";
import { responseChecker } from "@/lib/openapi/conformance";

export type Client = {
  request: (
    method: string,
    path: string,
    opts?: {
      key?: string | null;
      header?: string;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ) => Promise<{ status: number; body: any; headers: Headers; response: Response }>;
};

/**
 * An outside client: plain fetch against the running server, the key in the header it names. Every
 * response is also held to the OpenAPI document (documented status, content type and body).
 */
export function client(server: TestServer, defaultKey: string): Client {
  const check = responseChecker();
  return {
    async request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      const key = opts.key === undefined ? defaultKey : opts.key;
      const header = opts.header ?? "x-auth-token";
      if (key) headers[header] = header === "authorization" ? `Bearer ${key}` : key;
      if (opts.body !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers,
        body:
          opts.body === undefined
            ? undefined
            : typeof opts.body === "string"
              ? opts.body
              : JSON.stringify(opts.body),
      });
      if ((response.headers.get("content-type") ?? "").includes("event-stream")) {
        expect(
          check(method, path, { status: response.status, headers: response.headers, body: null }),
        ).toEqual([]);
        return { status: response.status, body: null, headers: response.headers, response };
      }
      const text = await response.text();
      let body: any = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        /* keep the text */
      }
      const result = { status: response.status, body, headers: response.headers, response };
      expect(check(method, path, result), `${method} ${path} against the OpenAPI document`).toEqual(
        [],
      );
      return result;
    },
  };
}

const contains = (name: string, value: string) => ({
  type: "contains",
  name,
  config: { values: [value] },
});

export type World = {
  project: TestProject;
  agent: TestAgent;
  server: TestServer;
  /** Two targets × three scenarios: "agent A" passes twice and errors once, "agent B" fails twice and errors once. */
  suite: Awaited<ReturnType<typeof seedSuite>> & { slug: string };
  close: () => Promise<void>;
};

/**
 * A project, an agent with two personalities (A at `/`, B at `/b`), a suite over both, and the app
 * served over HTTP with a worker. "boom" inputs make either agent answer 500 (no retries).
 */
export async function startWorld(label: string): Promise<World> {
  const project = await createTestProject(label);
  const agent = await startAgent(async (body, req, res) => {
    const input = String(body?.input ?? "");
    if (input.includes("boom")) return reply(res, 500, { error: "exploded" });
    if (input.includes("slow")) await new Promise((r) => setTimeout(r, 1500));
    const b = (req.url ?? "/").startsWith("/b");
    reply(res, 200, { output: b ? "Sure, but I cannot help with that" : `Sure! ${input}` });
  });
  const slug = `${label}-suite-${Math.random().toString(36).slice(2, 8)}`;
  const suite = await seedSuite({
    projectId: project.id,
    url: agent.url,
    scenarios: [
      { name: "greets", input: "hello", scorers: [contains("mentions-input", "hello")] },
      {
        name: "refunds",
        input: "refund please",
        scorers: [
          contains("mentions-input", "refund"),
          { type: "regex", name: "polite", config: { pattern: "^Sure" } },
        ],
      },
      { name: "explodes", input: "boom", scorers: [contains("mentions-input", "boom")] },
    ],
    target: { name: "agent A", retries: 0 },
    extraTargets: [
      { name: "agent B", retries: 0, config: { url: `${agent.url}b`, output_path: "$.output" } },
    ],
    suite: { name: "Compat suite", slug },
  });
  const server = await startTestServer({ worker: true });
  return {
    project,
    agent,
    server,
    suite: { ...suite, slug },
    close: async () => {
      await server.close();
      await agent.close();
    },
  };
}
