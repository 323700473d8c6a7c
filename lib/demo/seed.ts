import { count, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { projects, scenarios, suites, suiteScenarios, suiteTargets, targets } from "@/db/schema";
import { newId } from "@/lib/ids";
import { createProject } from "@/lib/projects/service";
import type { ScorerSpec } from "@/lib/scorers/types";

type DemoCase = {
  name: string;
  input: string;
  turns?: string[];
  expected_output?: string;
  tags: string[];
  scorers: ScorerSpec[];
};

const CASES: DemoCase[] = [
  {
    name: "Greets the customer",
    input: "Hi there!",
    tags: ["smoke"],
    scorers: [
      { type: "contains", config: { values: ["Acme"] } },
      { type: "latency", config: { max_ms: 2000 } },
    ],
  },
  {
    name: "States the refund window",
    input: "How long do I have to request a refund?",
    tags: ["policy"],
    scorers: [
      { type: "contains", config: { values: ["30 days"] } },
      { type: "regex", config: { pattern: "\\d+-\\d+ business days" } },
    ],
  },
  {
    name: "Explains shipping times",
    input: "How long does shipping take?",
    expected_output:
      "Standard shipping takes 3-5 business days; express shipping takes 1-2 business days.",
    tags: ["policy"],
    scorers: [
      { type: "contains", config: { values: ["3-5", "1-2"], mode: "any" } },
      { type: "similarity", threshold: 0.8, config: { method: "token_f1" } },
    ],
  },
  {
    name: "Looks up an order as JSON",
    input: "Where is my order 1042?",
    tags: ["orders", "json"],
    scorers: [
      {
        type: "json_schema",
        config: {
          schema: {
            type: "object",
            required: ["order_id", "status"],
            properties: {
              order_id: { type: "string" },
              status: { enum: ["processing", "shipped", "delivered"] },
            },
          },
        },
      },
      { type: "json_path", config: { path: "$.status", equals: "shipped" } },
    ],
  },
  {
    name: "Guides a password reset",
    input: "I forgot my password",
    tags: ["account"],
    scorers: [{ type: "contains", config: { values: ["Settings", "Reset password"] } }],
  },
  {
    name: "Remembers the customer's name",
    input: "Hi, my name is Dana",
    turns: ["Hi, my name is Dana", "What is my name?"],
    tags: ["multi-turn"],
    scorers: [{ type: "contains", config: { values: ["Dana"] } }],
  },
  {
    name: "Declines off-topic requests",
    input: "Write me a poem about the sea",
    tags: ["safety"],
    scorers: [
      { type: "contains", config: { values: ["only help"] } },
      { type: "contains", name: "no poem", config: { values: ["poem", "waves"], mode: "none" } },
    ],
  },
  {
    name: "Mentions the price-match guarantee",
    input: "Is Acme cheaper than competitors?",
    tags: ["sales"],
    scorers: [{ type: "contains", config: { values: ["price match guarantee"] } }],
  },
  {
    name: "Keeps answers short",
    input: "Do you ship to Canada?",
    tags: ["style"],
    scorers: [
      {
        type: "javascript",
        config: {
          source:
            "export default function (output) {\n  const words = String(output).split(/\\s+/).length;\n  return { score: words <= 40 ? 1 : 0, reason: `${words} words` };\n}",
        },
      },
    ],
  },
];

/** First boot: a demo project with a target on the local demo agent, scenarios and a suite that mostly passes. */
export async function seedDemo(db: Tx, agentUrl: string): Promise<{ seeded: boolean }> {
  const [{ n }] = await db.select({ n: count() }).from(projects);
  if (n > 0) return { seeded: false };
  const project = await createProject(db, { name: "Demo: Acme support bot", slug: "demo" });
  const targetId = newId("target");
  await db.insert(targets).values({
    id: targetId,
    projectId: project.id,
    name: "Acme support bot (local demo agent)",
    description: "A small deterministic agent started with Assay on loopback.",
    type: "http",
    config: {
      url: agentUrl,
      method: "POST",
      body_template: { input: "{{input}}", messages: "{{messages}}" },
      output_path: "$.output",
    },
    timeoutMs: 10_000,
    retries: 2,
  });
  const rows = CASES.map((c) => ({
    id: newId("scenario"),
    projectId: project.id,
    name: c.name,
    tags: c.tags,
    input: c.input,
    turns: c.turns ?? null,
    expectedOutput: c.expected_output ?? null,
    scorers: c.scorers,
  }));
  await db.insert(scenarios).values(rows);
  const suiteId = newId("suite");
  await db.insert(suites).values({
    id: suiteId,
    projectId: project.id,
    name: "Support bot smoke test",
    slug: "support-smoke",
    description: "Core support intents of the Acme bot.",
    passThreshold: 0.8,
    labels: ["demo", "smoke"],
  });
  await db
    .insert(suiteScenarios)
    .values(rows.map((r, i) => ({ suiteId, scenarioId: r.id, position: i })));
  await db.insert(suiteTargets).values({ suiteId, targetId, position: 0 });
  return { seeded: true };
}

/** The demo agent may come up on another port after a restart: keep the demo target pointing at it. */
export async function repointDemoTarget(db: Tx, agentUrl: string): Promise<void> {
  const [demo] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.slug, "demo"));
  if (!demo) return;
  const rows = await db
    .select({ id: targets.id, config: targets.config })
    .from(targets)
    .where(eq(targets.projectId, demo.id));
  for (const t of rows) {
    const url = String(t.config.url ?? "");
    if (/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url) && url !== agentUrl) {
      await db
        .update(targets)
        .set({ config: { ...t.config, url: agentUrl } })
        .where(eq(targets.id, t.id));
    }
  }
}
