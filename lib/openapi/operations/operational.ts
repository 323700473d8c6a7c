import { z } from "zod";
import { setupInput } from "@/lib/users/setup";
import type { Operation } from "../registry";
import { health, setupResult } from "../schemas/resources";
import { usageJson } from "@/lib/usage";

/** Health, first-run setup and this document. */
export const operationalOperations: Operation[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "health",
    summary: "Health of the database and the workers",
    description: "No auth. 503 when the database is unreachable.",
    tag: "Operations",
    auth: "public",
    responses: {
      200: { description: "Up (`ok`, or `degraded` without a live worker)", schema: health },
      503: { description: "Down", schema: health },
    },
  },
  {
    method: "get",
    path: "/api/v1/usage",
    operationId: "usage",
    summary: "Runs completed in the current month",
    tag: "Operations",
    auth: "project",
    scope: "read",
    responses: {
      200: { description: "Usage of the current period (UTC calendar month)", schema: usageJson },
    },
  },
  {
    method: "post",
    path: "/api/setup",
    operationId: "setup",
    summary: "First-run owner creation",
    description:
      "Used by the /setup page of a fresh install: only while no user exists (then 409). Same-origin browser requests only.",
    tag: "Operations",
    auth: "public",
    body: setupInput,
    responses: { 201: { description: "The owner", schema: setupResult } },
    errors: [403, 409],
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openapi",
    summary: "This OpenAPI 3.1 document",
    tag: "Operations",
    auth: "public",
    responses: {
      200: {
        description: "The document /docs renders",
        schema: z.record(z.string(), z.unknown()),
      },
    },
  },
];
