import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { validate } from "@scalar/openapi-parser";
import { HTTP_METHODS, listRouteFiles, startTestServer, type TestServer } from "@/lib/test/server";
import { operations } from "./operations";

let server: TestServer;
let doc: any;

beforeAll(async () => {
  server = await startTestServer();
  const res = await fetch(`${server.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  doc = await res.json();
});
afterAll(() => server.close());

// Not part of the public API: next-auth's own endpoints, and the /docs page with its bundle.
const UNDOCUMENTED = new Set(["/api/auth/{...nextauth}", "/docs", "/docs/scalar.js"]);

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document (@scalar/openapi-parser)", async () => {
    const result = await validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("has schemas that are valid JSON Schema 2020-12 and resolve every $ref", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "https://assay.dev/openapi.json", components: doc.components });
    for (const name of Object.keys(doc.components.schemas))
      expect(() =>
        ajv.compile({ $ref: `https://assay.dev/openapi.json#/components/schemas/${name}` }),
      ).not.toThrow();
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const pointer = ref.slice(8, -1);
      const target = pointer
        .slice(2)
        .split("/")
        .reduce((node: any, key) => node?.[key], doc);
      expect(target, pointer).toBeDefined();
    }
  });

  it("documents every route file's exported verbs (and nothing that does not exist)", async () => {
    const missing: string[] = [];
    const routed = new Set<string>();
    for (const route of listRouteFiles()) {
      if (UNDOCUMENTED.has(route.pattern)) continue;
      const mod = await import(/* @vite-ignore */ route.file);
      for (const verb of HTTP_METHODS.filter((m) => typeof mod[m] === "function")) {
        routed.add(`${verb} ${route.pattern}`);
        if (!doc.paths[route.pattern]?.[verb.toLowerCase()])
          missing.push(`${verb} ${route.pattern}  (${route.file.replace(/^.*\/app\//, "app/")})`);
      }
    }
    expect(
      missing,
      `Undocumented routes — add them to lib/openapi/operations:\n${missing.join("\n")}`,
    ).toEqual([]);
    const stale = operations
      .map((op) => `${op.method.toUpperCase()} ${op.path}`)
      .filter((key) => !routed.has(key));
    expect(stale, "Documented operations without a route file").toEqual([]);
  });

  it("documents, for every operation, its success body, auth and every error status with its shape", () => {
    for (const op of operations) {
      const o = doc.paths[op.path][op.method];
      expect(o.operationId).toBe(op.operationId);
      expect(o.responses["500"], op.operationId).toBeDefined();
      const success = Object.keys(o.responses).filter((s) => s.startsWith("2"));
      expect(success.length, op.operationId).toBeGreaterThan(0);
      if (op.auth !== "public") {
        expect(o.responses["401"], op.operationId).toBeDefined();
        const media = op.compat ? "application/json" : "application/problem+json";
        expect(o.responses["401"].content[media].schema.$ref).toBe(
          `#/components/schemas/${op.compat ? "CompatError" : "Problem"}`,
        );
      } else expect(o.security).toEqual([]);
      if (op.path.includes("{")) expect(o.responses["404"], op.operationId).toBeDefined();
      if (op.body) {
        expect(o.requestBody.content["application/json"].schema.$ref).toMatch(
          /^#\/components\/schemas\//,
        );
        expect(o.responses[String(op.validationStatus ?? 422)]).toBeDefined();
        expect(o.responses["413"]).toBeDefined();
      }
    }
  });

  it("lists the compatibility routes with their real request and response schemas", () => {
    const schemas = doc.components.schemas;
    expect(
      doc.paths["/api/suites/{id}/run"].post.responses["200"].content["application/json"].schema
        .$ref,
    ).toBe("#/components/schemas/LangwatchSuiteRun");
    expect(schemas.LangwatchSuiteRun.required).toEqual(
      expect.arrayContaining([
        "scheduled",
        "batchRunId",
        "setId",
        "jobCount",
        "skippedArchived",
        "items",
      ]),
    );
    expect(Object.keys(schemas.LangwatchSuiteRunRequest.properties)).toEqual(["idempotencyKey"]);
    const run = doc.paths["/api/evaluations/v3/{slug}/run"].post.responses["200"].content;
    expect(run["application/json"].schema.$ref).toBe("#/components/schemas/ExperimentStarted");
    expect(run["text/event-stream"].schema.$ref).toBe("#/components/schemas/ExperimentFrame");
    expect(doc.paths["/api/experiments/{slug}/run"].post).toBeDefined();
    expect(doc.paths["/api/experiments/runs/{runId}"].get).toBeDefined();
    expect(schemas.ExperimentStatus.properties.status.enum).toEqual([
      "pending",
      "running",
      "completed",
      "failed",
      "stopped",
    ]);
    const frames = schemas.ExperimentFrame.oneOf ?? schemas.ExperimentFrame.anyOf;
    expect(frames.map((f: any) => f.properties.type.const)).toEqual([
      "execution_started",
      "target_result",
      "evaluator_result",
      "progress",
      "error",
      "stopped",
      "done",
    ]);
    const schedule = doc.paths["/api/v1/scenarios/{id}/schedule"].post;
    expect(schedule.responses["400"].content["application/problem+json"]).toBeDefined();
    expect(schedule.responses["422"]).toBeDefined(); // idempotency_key_reused
    expect(schemas.ScheduleScenario.properties.number_of_executions).toMatchObject({
      minimum: 1,
      maximum: 1000,
    });
  });
});

describe("/docs", () => {
  it("serves the Scalar reference page and its bundle from our own origin", async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain('<script src="/docs/scalar.js"></script>');
    expect(html).toContain('"url":"/api/openapi.json"');
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN: the CSP allows only 'self'

    const bundle = await fetch(`${server.url}/docs/scalar.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("javascript");
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
    const cached = await fetch(`${server.url}/docs/scalar.js`, {
      headers: { "if-none-match": bundle.headers.get("etag")! },
    });
    expect(cached.status).toBe(304);
  });
});
