import { addMemberInput, updateMemberInput } from "@/lib/members/service";
import { exportQuery, importQuery } from "@/lib/import/schemas";
import { generateScenariosInput } from "@/lib/simulation/schemas";
import { deliveriesQuery } from "@/lib/webhooks/schemas";
import { z } from "zod";
import type { Operation } from "../registry";
import { page } from "../schemas/common";
import * as x from "../schemas/extras";

const file = { type: "string", contentMediaType: "application/octet-stream" };

/** Members, scenario import/export/generation and webhook deliveries. */
export const teamOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/members",
    operationId: "listMembers",
    summary: "List the project's members",
    tag: "Members",
    auth: "project",
    scope: "read",
    responses: { 200: { description: "Members and their roles", schema: x.memberList } },
  },
  {
    method: "post",
    path: "/api/v1/members",
    operationId: "addMember",
    summary: "Add a member",
    description: "Only an owner may grant the owner role.",
    tag: "Members",
    auth: "project",
    scope: "admin",
    body: addMemberInput,
    responses: { 201: { description: "The member", schema: x.member } },
    errors: [409],
  },
  {
    method: "patch",
    path: "/api/v1/members/{id}",
    operationId: "updateMember",
    summary: "Change a member's role",
    tag: "Members",
    auth: "project",
    scope: "admin",
    params: { id: "The membership's id (`mem_…`)" },
    body: updateMemberInput,
    responses: { 200: { description: "The member", schema: x.member } },
    errors: [409],
  },
  {
    method: "delete",
    path: "/api/v1/members/{id}",
    operationId: "removeMember",
    summary: "Remove a member",
    description: "Never the last owner (409).",
    tag: "Members",
    auth: "project",
    scope: "admin",
    params: { id: "The membership's id (`mem_…`)" },
    responses: { 200: { description: "Removed", schema: x.removedMember } },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/v1/scenarios/import",
    operationId: "importScenarios",
    summary: "Import scenarios from a file",
    description:
      "CSV, JSONL, promptfoo YAML or a workload file, as the raw body or a multipart `file` field. `?suite_id` adds them to a suite (or `?suite_name` creates one); `?partial=true` imports the valid rows when some are bad; `?dry_run=true` answers 200 with a preview and writes nothing. Errors name each bad `row` and `field`.",
    tag: "Scenarios",
    auth: "project",
    scope: "run",
    query: importQuery,
    rawBody: {
      "multipart/form-data": {
        schema: { type: "object", properties: { file }, required: ["file"] },
      },
      "text/csv": { schema: { type: "string" } },
      "application/x-ndjson": { schema: { type: "string" } },
      "application/yaml": { schema: { type: "string" } },
      "application/octet-stream": { schema: file },
    },
    idempotent: true,
    responses: {
      201: { description: "Created", schema: x.importResult },
      200: { description: "A dry run: what would be created", schema: x.importResult },
    },
    errors: [404, 415],
  },
  {
    method: "post",
    path: "/api/v1/scenarios/generate",
    operationId: "generateScenarios",
    summary: "Draft simulated-user scenarios",
    description:
      "Asks an LLM provider for scenario drafts (persona, mission, judge criteria) from a description of the agent. Nothing is saved. 400 (`field: provider`) when the provider cannot be reached or replies with nothing usable.",
    tag: "Scenarios",
    auth: "project",
    scope: "run",
    body: generateScenariosInput,
    responses: { 200: { description: "The drafts", schema: x.scenarioDrafts } },
  },
  {
    method: "get",
    path: "/api/v1/suites/{id}/scenarios/export",
    operationId: "exportSuiteScenarios",
    summary: "Export a suite's scenarios",
    description: "`csv` or `jsonl`; the file round-trips with the import.",
    tag: "Scenarios",
    auth: "project",
    scope: "read",
    params: { id: "The suite's id (`suite_…`) or slug" },
    query: exportQuery,
    responses: {
      200: {
        description: "The file, as an attachment",
        contentType: "text/csv",
        schema: z.string(),
        alternatives: { "application/x-ndjson": z.string() },
      },
    },
  },
  {
    method: "get",
    path: "/api/v1/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    summary: "A webhook's delivery log",
    tag: "Webhooks",
    auth: "project",
    scope: "admin",
    query: deliveriesQuery,
    responses: {
      200: { description: "Newest first (without payloads)", schema: page(x.delivery) },
    },
  },
  {
    method: "get",
    path: "/api/v1/webhooks/{id}/deliveries/{deliveryId}",
    operationId: "getWebhookDelivery",
    summary: "One delivery, with the payload sent",
    tag: "Webhooks",
    auth: "project",
    scope: "admin",
    params: { id: "The webhook's id (`whk_…`)", deliveryId: "The delivery's id (`dlv_…`)" },
    responses: { 200: { description: "The delivery", schema: x.delivery } },
  },
  {
    method: "post",
    path: "/api/v1/webhooks/{id}/test",
    operationId: "testWebhook",
    summary: "Send a signed test event now",
    description: "Sends one `ping` and returns how the delivery went.",
    tag: "Webhooks",
    auth: "project",
    scope: "admin",
    responses: { 200: { description: "The delivery", schema: x.delivery } },
  },
];
