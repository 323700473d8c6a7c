import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as generateRoute from "@/app/api/v1/scenarios/generate/route";
import * as scenariosRoute from "@/app/api/v1/scenarios/route";
import * as secretsRoute from "@/app/api/v1/secrets/route";
import { getSql } from "@/db/client";
import { judgeSettings } from "@/lib/scorers/judge-client";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { startTestLlm, type TestLlm } from "./test-llm";

let project: TestProject;
let llm: TestLlm;
const defaults = { ...judgeSettings };

const draft = (i: number) => ({
  name: `Refund seeker ${i}`,
  persona: `Persona ${i}: impatient, writes in lowercase`,
  mission: `Get a refund for order ${1000 + i}`,
  max_turns: i === 1 ? 99 : 6,
  judge_criteria: ["Asks for the order number", "Offers a refund or explains why not"],
});

beforeAll(async () => {
  project = await createTestProject("generate");
  llm = await startTestLlm();
  await call(secretsRoute.POST, "POST", {
    key: project.keys.admin,
    body: { name: "GEN_KEY", value: "sk-gen-0123456789" },
  });
});
afterAll(() => llm.close());
beforeEach(() => {
  llm.calls.length = 0;
  Object.assign(judgeSettings, { timeoutMs: 1_000, backoffMs: 5 });
});
afterEach(() => Object.assign(judgeSettings, defaults));

const generate = (body: object, key = project.keys.run) =>
  call(generateRoute.POST, "POST", { key, body });
const provider = () => ({ base_url: llm.baseUrl, model: "gen-model", api_key_secret: "GEN_KEY" });
const scenarioCount = async () =>
  (
    await getSql()<
      { n: number }[]
    >`select count(*)::int as n from scenarios where project_id = ${project.id}`
  )[0].n;

describe("POST /api/v1/scenarios/generate", () => {
  it("returns draft scenarios with persona, mission and criteria, and saves nothing", async () => {
    llm.handle((r) =>
      r.role === "generator"
        ? { content: JSON.stringify({ scenarios: [draft(1), draft(2), draft(3)] }) }
        : undefined,
    );
    const res = await generate({
      description: "A support bot for an online shop that handles refunds.",
      count: 2,
      provider: provider(),
    });
    expect(res.status).toBe(200);
    expect(res.body.drafts).toHaveLength(2);
    expect(res.body.drafts[0]).toEqual({
      name: "Refund seeker 1",
      description: null,
      input: null,
      simulation: {
        persona: "Persona 1: impatient, writes in lowercase",
        mission: "Get a refund for order 1001",
        max_turns: 50,
        simulator: provider(),
        judge_criteria: ["Asks for the order number", "Offers a refund or explains why not"],
      },
      scorers: [],
    });
    const [request] = llm.calls;
    expect(request.role).toBe("generator");
    expect(request.headers.authorization).toBe("Bearer sk-gen-0123456789");
    expect(request.body.response_format).toEqual({ type: "json_object" });
    expect(request.messages.at(-1)?.content).toContain("handles refunds");
    expect(await scenarioCount()).toBe(0);

    // A draft is accepted by creating it, with a scorer of the user's choosing.
    const { description: _d, ...accepted } = res.body.drafts[0];
    const created = await call(scenariosRoute.POST, "POST", {
      key: project.keys.run,
      body: { ...accepted, scorers: [{ type: "contains", config: { values: ["refund"] } }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });

  it("retries a malformed reply, and answers 400 when the provider never gives usable drafts", async () => {
    llm.handle((_r, i) =>
      i === 0
        ? { content: "here are some ideas!" }
        : { content: JSON.stringify({ scenarios: [draft(1)] }) },
    );
    const res = await generate({ description: "A travel agent bot", provider: provider() });
    expect(res.status).toBe(200);
    expect(res.body.drafts).toHaveLength(1);
    expect(llm.calls).toHaveLength(2);

    llm.handle(() => ({ status: 503 }));
    const down = await generate({ description: "A travel agent bot", provider: provider() });
    expect(down.status).toBe(400);
    expect(down.body.detail).toContain("could not be reached");
    expect(down.text).not.toContain("sk-gen-0123456789");
  });

  it("422 names provider.api_key_secret when the secret does not exist; validates the body; needs the run scope", async () => {
    const missing = await generate({
      description: "x",
      provider: { ...provider(), api_key_secret: "NO_SUCH_KEY" },
    });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      code: "validation_failed",
      field: "provider.api_key_secret",
    });
    expect(missing.body.errors[0].code).toBe("missing_byok_key");

    const bad = await generate({ description: "x", count: 11, provider: provider(), extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "count",
      "extra",
    ]);

    const readOnly = await generate({ description: "x", provider: provider() }, project.keys.read);
    expect(readOnly.status).toBe(403);
    expect(llm.calls).toHaveLength(0);
  });
});
