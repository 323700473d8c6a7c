import { z } from "zod";
import pkg from "@/package.json";
import "./components";
import { operations } from "./operations";
import { schemaNames, type Operation, type ResponseSpec } from "./registry";
import { compatError, problem } from "./schemas/common";

type Json = Record<string, unknown>;
type Io = "input" | "output";

const REF = "#/components/schemas/";
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Bad request: malformed JSON (`invalid_json`), a session without X-Assay-Project, or a request this resource cannot serve (`bad_request`)",
  401: "Missing, invalid or revoked API key (`unauthorized`)",
  403: "The key's scope is too small, or a cross-site session request (`forbidden`)",
  404: "Not found: also for another project's resources and malformed ids (`not_found`)",
  409: "Conflict with the resource's current state (`conflict`)",
  413: "Body over 1 MB (`payload_too_large`)",
  415: "Unsupported media type (`unsupported_media_type`)",
  422: "Schema violation naming each bad field (`validation_failed`), or an Idempotency-Key reused with a different body (`idempotency_key_reused`)",
  500: "Unexpected error; quote the traceId (`internal`)",
};

const TAGS = [
  [
    "Projects",
    "Tenants. A key belongs to one project; a browser session names it with X-Assay-Project.",
  ],
  ["Targets", "What is tested: http, prompt, code and workflow targets."],
  ["Scenarios", "Test cases: input, optional turns or simulation, expected output, scorers."],
  ["Suites", "Scenarios × targets × repeats, with a pass threshold (the gate)."],
  ["Runs", "Trigger suite runs, read them live or afterwards, cancel, resubmit, compare, export."],
  ["Sharing", "Read-only report links for stakeholders."],
  ["Members", "Who belongs to the project, with which role."],
  ["Secrets", "Write-only values referenced as `{{secrets.NAME}}`."],
  ["API keys", "Per-project keys with `read`, `run` or `admin` scope."],
  ["Webhooks", "Signed notifications of finished runs."],
  [
    "Compatibility: LangWatch",
    "LangWatch's suite and experiment routes (camelCase, `{error, message}` errors).",
  ],
  ["Compatibility: Cognigy", "Cognigy-style scenario scheduling."],
  ["Operations", "Health, first-run setup and this document."],
] as const;

const DESCRIPTION = `Assay runs test suites against AI agents and LLM apps.

**Auth.** A project API key in any of \`Authorization: Bearer <key>\`, \`X-Auth-Token: <key>\` or \`X-API-Key: <key>\`; browsers use their session and name the project with \`X-Assay-Project\`. Missing/invalid/revoked key → 401, a scope too small → 403, another project's resource → 404.

**Errors** under /api/v1 are \`application/problem+json\` with a stable \`code\` and \`traceId\` (= the \`X-Request-Id\` header). The compatibility routes answer \`{error, message}\` like the products they mirror.

**Conventions.** snake_case JSON under /api/v1, camelCase on the compatibility routes. Bodies over 1 MB → 413; unknown fields → 422. Lists take \`?limit\` (1–200) and \`?cursor\` and return \`{data, next_cursor, has_more}\`, newest first. Times are ISO 8601 UTC. POSTs that create runs take \`Idempotency-Key\`.`;

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the handlers parse with. With
 * `strictResponses`, response objects forbid undocumented properties (tests hold responses to it);
 * the published document leaves them open, since fields may be added.
 */
export function buildOpenApiDocument(opts: { strictResponses?: boolean } = {}) {
  const registries = {
    input: z.registry<{ id: string }>(),
    output: z.registry<{ id: string }>(),
  };
  for (const io of ["input", "output"] as const)
    for (const [schema, id] of schemaNames[io]) registries[io].add(schema, { id });
  const refTo = (io: Io, schema: z.ZodType, fallbackId: string) => {
    const registry = registries[io];
    if (!registry.has(schema)) registry.add(schema, { id: fallbackId });
    return { $ref: `${REF}${registry.get(schema)!.id}` };
  };

  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path][op.method] = operationObject(op, refTo);
  }

  const schemas = {
    ...convert(registries.input, "input", "InputShared_", false),
    ...convert(registries.output, "output", "Shared_", !opts.strictResponses),
  };
  return {
    openapi: "3.1.0",
    info: { title: "Assay API", version: pkg.version, description: DESCRIPTION },
    servers: [{ url: "/" }],
    tags: TAGS.map(([name, description]) => ({ name, description })),
    security: PROJECT_SECURITY,
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A project API key" },
        authToken: {
          type: "apiKey",
          in: "header",
          name: "X-Auth-Token",
          description: "A project API key",
        },
        apiKeyHeader: {
          type: "apiKey",
          in: "header",
          name: "X-API-Key",
          description: "A project API key",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The browser's session; name the project with the X-Assay-Project header",
        },
      },
      headers: {
        RequestId: {
          description:
            "The request's id (the caller's X-Request-Id if it sent one); equals traceId",
          schema: { type: "string" },
        },
      },
    },
  };
}

const PROJECT_SECURITY = [
  { bearerAuth: [] },
  { authToken: [] },
  { apiKeyHeader: [] },
  { session: [] },
];

function operationObject(
  op: Operation,
  refTo: (io: Io, schema: z.ZodType, fallbackId: string) => Json,
): Json {
  const name = op.operationId[0].toUpperCase() + op.operationId.slice(1);
  const parameters: Json[] = [];
  for (const [, param] of op.path.matchAll(/\{([^}]+)\}/g))
    parameters.push({
      name: param,
      in: "path",
      required: true,
      description: op.params?.[param] ?? "The resource's id",
      schema: { type: "string" },
    });
  if (op.query) parameters.push(...queryParameters(op.query));
  if (op.idempotent)
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "Same key + same body within 24 h → the original response (Idempotent-Replayed: true); same key + different body → 422",
      schema: { type: "string", maxLength: 255 },
    });

  const responses: Record<string, Json> = {};
  for (const [status, spec] of Object.entries(op.responses))
    responses[status] = responseObject(spec, (schema) =>
      refTo("output", schema, `${name}Response${status === "200" ? "" : status}`),
    );
  const errorSchema = refTo("output", op.compat ? compatError : problem, "");
  for (const status of errorStatuses(op)) {
    if (responses[status]) continue;
    const description =
      status === 400 && op.validationStatus === 400
        ? `${ERROR_DESCRIPTIONS[400]}; also schema violations, naming each bad field and its code`
        : ERROR_DESCRIPTIONS[status];
    responses[status] = {
      description,
      headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
      content: {
        [op.compat ? "application/json" : "application/problem+json"]: { schema: errorSchema },
      },
    };
  }

  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.auth === "public"
      ? { security: [] }
      : op.auth === "user"
        ? { security: [{ session: [] }] }
        : {}),
    ...(op.scope ? { "x-assay-scope": op.scope } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: false,
            content: { "application/json": { schema: refTo("input", op.body, `${name}Request`) } },
          },
        }
      : op.rawBody
        ? { requestBody: { required: true, content: op.rawBody } }
        : {}),
    responses,
  };
}

function responseObject(spec: ResponseSpec, ref: (schema: z.ZodType) => Json): Json {
  const content: Record<string, Json> = {};
  if (spec.schema) content[spec.contentType ?? "application/json"] = { schema: ref(spec.schema) };
  for (const [type, schema] of Object.entries(spec.alternatives ?? {}))
    content[type] = { schema: ref(schema) };
  if (spec.stream) content["text/event-stream"] = { schema: ref(spec.stream.schema) };
  return {
    description: spec.stream
      ? `${spec.description}. ${spec.stream.description}.`
      : spec.description,
    headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
    ...(Object.keys(content).length ? { content } : {}),
  };
}

/** The error statuses an operation can answer, from what it takes; every one is documented. */
export function errorStatuses(op: Operation): number[] {
  const statuses = new Set(op.errors ?? []);
  if (op.auth === "project") statuses.add(400); // a session without X-Assay-Project
  if (op.auth !== "public") statuses.add(401);
  if (op.scope) statuses.add(403);
  if (op.path.includes("{")) statuses.add(404);
  if (op.body || op.rawBody) {
    statuses.add(400);
    statuses.add(413);
    statuses.add(op.validationStatus ?? 422);
  }
  if (op.query) statuses.add(422);
  if (op.idempotent) statuses.add(422);
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

function queryParameters(query: z.ZodObject): Json[] {
  const schema = z.toJSONSchema(query, { io: "input", unrepresentable: "any" }) as Json;
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = clean(property, "", false) as Json;
    return {
      name,
      in: "query",
      required: required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** A registry as components.schemas: `__shared` $defs become components of their own. */
function convert(
  registry: z.core.$ZodRegistry<{ id: string }>,
  io: Io,
  sharedPrefix: string,
  openObjects: boolean,
): Record<string, Json> {
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => `${REF}${id}`,
  }) as { schemas: Record<string, Json> };
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    if (id === "__shared") {
      for (const [def, body] of Object.entries((schema.$defs ?? {}) as Record<string, Json>))
        out[`${sharedPrefix}${def}`] = clean(body, sharedPrefix, openObjects) as Json;
      continue;
    }
    const { $schema: _s, $id: _i, ...rest } = schema;
    out[id] = clean(rest, sharedPrefix, openObjects) as Json;
  }
  return out;
}

function clean(node: unknown, sharedPrefix: string, openObjects: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => clean(n, sharedPrefix, openObjects));
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "minimum" && value === -MAX_SAFE) continue;
    if (key === "maximum" && value === MAX_SAFE) continue;
    if (key === "additionalProperties" && value === false && openObjects) continue;
    if (key === "$ref" && typeof value === "string") {
      out.$ref = value.replace(
        /^#\/components\/schemas\/__shared#\/\$defs\//,
        `${REF}${sharedPrefix}`,
      );
      continue;
    }
    out[key] = clean(value, sharedPrefix, openObjects);
  }
  return out;
}
