import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { startTestLlm, type TestLlm } from "../lib/simulation/test-llm";
import { OWNER, signInAsOwner, snap } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const SUFFIX = Date.now().toString(36);
const CASE = `Refund for a broken order ${SUFFIX}`;
const USER_TURNS = [
  "Hi, order 1234 arrived broken. I want my money back.",
  "Yes, a refund to my card please.",
];
const CLOSING = "Great, thanks. That's all!";
const AGENT_REPLIES = [
  "Sorry to hear that! Would you like a refund or a replacement?",
  "Done: refund REF-1234 is on its way to your card.",
];
const PASSING = "Offers a refund";
const FAILING = "Never asks a question back";

let llm: TestLlm;
let caseUrl = "";
let shareUrl = "";

test.beforeAll(async () => {
  // One local OpenAI-compatible server plays all three parts: the simulated user, the agent under
  // test (a prompt target) and the judge. The simulator closes once the agent has replied twice.
  llm = await startTestLlm();
  llm.handle((request) => {
    if (request.role === "simulator") {
      const n = request.agentReplies;
      return {
        content: JSON.stringify(
          n >= USER_TURNS.length
            ? { message: CLOSING, done: true }
            : { message: USER_TURNS[n], done: false },
        ),
        usage: { prompt_tokens: 120, completion_tokens: 15 },
      };
    }
    if (request.role === "judge") {
      return {
        content: JSON.stringify({
          criteria: request.criteria.map((criterion) => ({
            criterion,
            passed: criterion !== FAILING,
            reasoning:
              criterion === FAILING
                ? "The agent asked whether a refund or a replacement was wanted."
                : "The agent issued refund REF-1234.",
          })),
        }),
        usage: { prompt_tokens: 400, completion_tokens: 60 },
      };
    }
    // The agent: one canned reply per user turn it has seen.
    const userTurns = request.messages.filter((m) => m.role === "user").length;
    return {
      content: AGENT_REPLIES[Math.min(userTurns, AGENT_REPLIES.length) - 1] ?? "ok",
      usage: { prompt_tokens: 50, completion_tokens: 20 },
    };
  });
});
test.afterAll(async () => {
  await llm?.close();
});

/** The signed-in owner's API calls: the session cookie plus the project header. */
async function api(
  request: APIRequestContext,
  method: "GET" | "POST",
  path: string,
  body?: object,
) {
  const res = await request.fetch(`/api/v1${path}`, {
    method,
    headers: { "x-assay-project": "demo" },
    data: body,
  });
  const json = await res.json().catch(() => null);
  expect(res.ok(), `${method} ${path}: ${res.status()} ${JSON.stringify(json)}`).toBe(true);
  return json;
}

/** Sign in as the owner, creating them through /setup when this spec runs on its own. */
async function signInOrSetUp(page: Page) {
  await page.goto("/signin");
  if (/\/setup$/.test(page.url())) {
    await page.getByLabel("Your name").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
    await page.getByLabel("Confirm password").fill(OWNER.password);
    await page.getByRole("button", { name: "Create owner account" }).click();
    await expect(page).toHaveURL(/\/p\/demo\/suites$/, { timeout: 30_000 });
    return;
  }
  await signInAsOwner(page);
}

test("seed and run a simulated conversation through the API", async ({ page }) => {
  test.setTimeout(120_000);
  await signInOrSetUp(page);
  const request = page.request;

  const secret = await request.post("/api/v1/secrets", {
    headers: { "x-assay-project": "demo" },
    data: { name: "SIM_E2E_KEY", value: `sk-sim-e2e-${SUFFIX}` },
  });
  expect([201, 409]).toContain(secret.status());
  const target = await api(request, "POST", "/targets", {
    name: `Refund bot ${SUFFIX}`,
    type: "prompt",
    retries: 0,
    config: {
      base_url: llm.baseUrl,
      model: "refund-bot",
      system_prompt: "You are a support agent.",
      input_cost_per_1k: 1,
      output_cost_per_1k: 2,
    },
  });
  const scenario = await api(request, "POST", "/scenarios", {
    name: CASE,
    input: null,
    simulation: {
      persona: "A customer who writes short messages.",
      mission: "Get a refund for order 1234, which arrived broken.",
      max_turns: 4,
      simulator: { base_url: llm.baseUrl, model: "sim-e2e", api_key_secret: "SIM_E2E_KEY" },
      judge_criteria: [PASSING, FAILING],
    },
  });
  const suite = await api(request, "POST", "/suites", {
    name: `Simulated refunds ${SUFFIX}`,
    scenario_ids: [scenario.id],
    target_ids: [target.id],
  });
  const created = await api(request, "POST", `/suites/${suite.id}/runs`, {});

  let suiteRun: { status: string; runs: { id: string }[] } = { status: "queued", runs: [] };
  await expect
    .poll(
      async () => {
        suiteRun = await api(request, "GET", `/suite-runs/${created.id}`);
        return suiteRun.status;
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toMatch(/^(passed|failed|error|cancelled)$/);
  // The judge fails one criterion, so the case (and the gate) fails — but it is not an error.
  expect(suiteRun.status).toBe("failed");
  const run = await api(request, "GET", `/runs/${suiteRun.runs[0].id}`);
  expect(run).toMatchObject({ status: "failed", end_reason: "simulator_done", turns: 2 });
  expect(llm.callsFor("simulator")).toHaveLength(3);
  caseUrl = `/p/demo/runs/${created.id}/cases/${run.id}`;

  const share = await api(request, "POST", `/suite-runs/${created.id}/share`, {});
  shareUrl = share.url;
});

test("the case page shows how the conversation ended, the chat in order and the judge's verdicts", async ({
  page,
}) => {
  expect(caseUrl, "the seeded run from the first test").toBeTruthy();
  await signInAsOwner(page);
  await page.goto(caseUrl);
  await expect(page.getByTestId("run-scenario")).toHaveText(CASE);

  const simulation = page.getByTestId("simulation");
  const endReason = simulation.getByTestId("end-reason");
  await expect(endReason).toHaveAttribute("data-reason", "simulator_done");
  await expect(endReason).toContainText("Mission done");
  await expect(endReason).toContainText("The simulated user said the mission was done");
  await expect(simulation.getByTestId("sim-mission")).toHaveText(
    "Get a refund for order 1234, which arrived broken.",
  );
  await expect(simulation.getByTestId("sim-model")).toHaveText("sim-e2e");
  await expect(simulation.getByTestId("sim-turns")).toHaveText("2 of 4 max");
  const usage = simulation.getByTestId("simulation-usage");
  // Three simulator calls (two turns, then the closing words) at 120 / 15 tokens each.
  await expect(usage.locator('tr[data-role="simulator"]')).toContainText("360");
  await expect(usage.locator('tr[data-role="simulator"]')).toContainText("45");
  await expect(usage.locator('tr[data-role="judge"]')).toContainText("400");
  // The agent is priced: 2 × (50 in at $1/1k + 20 out at $2/1k) = $0.18.
  await expect(usage.locator('tr[data-role="target"]')).toContainText("$0.1800");

  // The conversation: simulated user and agent taking turns, in order, each labelled.
  const turns = page.getByTestId("transcript-turn");
  await expect(turns).toHaveCount(5);
  const expected = [
    ["simulator", "Simulated user", USER_TURNS[0]],
    ["target", "Agent", AGENT_REPLIES[0]],
    ["simulator", "Simulated user", USER_TURNS[1]],
    ["target", "Agent", AGENT_REPLIES[1]],
    ["simulator", "Simulated user", CLOSING],
  ];
  for (const [i, [speaker, label, text]] of expected.entries()) {
    const turn = turns.nth(i);
    await expect(turn).toHaveAttribute("data-speaker", speaker);
    await expect(turn).toContainText(label);
    await expect(turn.getByTestId("transcript-bubble")).toHaveText(text);
  }
  await expect(turns.nth(1)).toContainText("50 in · 20 out");

  // The judge's verdict, criterion by criterion.
  const judge = page.locator('[data-testid="scorer-result"][data-scorer="llm_judge"]');
  await expect(judge).toHaveAttribute("data-passed", "false");
  await expect(judge).toContainText("judge_criteria");
  const passing = judge.locator("li").filter({ hasText: PASSING });
  await expect(passing).toContainText("pass");
  await expect(passing).toContainText("The agent issued refund REF-1234.");
  const failing = judge.locator("li").filter({ hasText: FAILING });
  await expect(failing).toContainText("fail");
  await expect(failing).toContainText("asked whether a refund or a replacement was wanted");
  await snap(page, "simulation-case");
});

test("the shared report folds the failing conversation away, with its end reason", async ({
  browser,
}) => {
  expect(shareUrl, "the seeded run from the first test").toBeTruthy();
  const visitor = await browser.newContext();
  try {
    const report = await visitor.newPage();
    expect((await report.goto(shareUrl))?.status()).toBe(200);
    const failure = report.getByTestId("report-failure").filter({ hasText: CASE });
    await expect(failure.getByTestId("end-reason")).toContainText(
      "The simulated user said the mission was done",
    );
    const conversation = failure.getByTestId("report-conversation");
    await expect(conversation.locator("summary")).toContainText("Conversation (2 turns)");
    await expect(conversation.getByTestId("transcript-turn").first()).toBeHidden();
    await conversation.locator("summary").click();
    await expect(conversation.getByTestId("transcript-bubble")).toHaveText([
      USER_TURNS[0],
      AGENT_REPLIES[0],
      USER_TURNS[1],
      AGENT_REPLIES[1],
      CLOSING,
    ]);
    await snap(report, "simulation-share");
  } finally {
    await visitor.close();
  }
});
