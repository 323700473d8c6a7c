import { execFile, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import { createTestProject, type TestProject } from "@/lib/test/fixtures";
import { reply, startAgent, type TestAgent } from "@/lib/test/agent";
import { seedSuite } from "@/lib/test/seed";
import { startTestServer, type TestServer } from "@/lib/test/server";

let project: TestProject;
let agent: TestAgent;
let server: TestServer;
let dir: string;
/** Inputs the agent answers badly (a failing case) or with a 500 (an errored case). */
const refuse = new Set<string>();

const contains = (value: string) => ({ type: "contains", config: { values: [value] } });
const CI_VARS = /^(CI|GITHUB_.*|GITLAB_CI|CI_.*|RUNNER_.*)$/;

beforeAll(async () => {
  project = await createTestProject("cli");
  agent = await startAgent(async (body, _req, res) => {
    const input = String(body?.input ?? "");
    if (input.includes("boom")) return reply(res, 500, { error: "exploded" });
    reply(res, 200, { output: refuse.has(input) ? "I cannot help" : `Sure: ${input}` });
  });
  server = await startTestServer({ worker: true });
  dir = mkdtempSync(join(tmpdir(), "assay-cli-"));
});
afterAll(async () => {
  await server?.close();
  await agent?.close();
});

type Result = { code: number; stdout: string; stderr: string };

/** `node bin/assay.mjs …` as a CI step runs it: a child process, no TTY, our environment only. */
function assay(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CI_VARS.test(k)));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/assay.mjs", ...args],
      {
        cwd: process.cwd(),
        env: {
          ...base,
          ASSAY_URL: server.url,
          ASSAY_API_KEY: project.keys.run,
          ...env,
        } as unknown as NodeJS.ProcessEnv,
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 99) : 0, stdout, stderr }),
    );
  });
}

const why = (r: Result) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

async function suiteRun(id: string) {
  const [row] = await getSql()<any[]>`
    select id, trigger, trigger_meta, status, parent_suite_run_id from suite_runs where id = ${id}`;
  return row;
}

/** Validate against bin/cli/testdata/junit.xsd (the common JUnit dialect CI reporters read). */
function validateJunit(file: string) {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "pipe" });
  } catch {
    throw new Error("These tests need xmllint: apt-get install -y libxml2-utils (.ci/run does)");
  }
  execFileSync("xmllint", ["--noout", "--schema", "bin/cli/testdata/junit.xsd", file], {
    stdio: "pipe",
  });
}

const srunIn = (text: string) => /srun_[0-9a-z]{26}/.exec(text)![0];

describe("assay run --wait", () => {
  it("exits 0 when the gate passes, tags the run with the CI's commit, branch and PR, and writes valid JUnit", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { name: "greets", input: "hello", scorers: [contains("hello")] },
        { name: "refunds", input: "refund", scorers: [contains("refund")] },
      ],
      suite: { name: "Checkout bot", slug: `checkout-${Date.now().toString(36)}` },
    });
    const [{ slug }] = await getSql()`select slug from suites where id = ${suiteId}`;
    const junit = join(dir, "reports", "pass.xml");
    const result = await assay(["run", slug, "--wait", "--junit", junit], {
      GITHUB_ACTIONS: "true",
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
      GITHUB_REF: "refs/pull/42/merge",
      GITHUB_REF_NAME: "42/merge",
      GITHUB_HEAD_REF: "feature/refunds",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "acme/shop",
      GITHUB_RUN_ID: "777",
    });
    expect(result.code, why(result)).toBe(0);
    expect(result.stdout).toMatch(/✔ PASSED {2}Checkout bot: 100% passed \(2\/2\)/);
    // Not a TTY: plain progress lines on stderr, no carriage-return redraws.
    expect(result.stderr).toMatch(/Checkout bot: 2\/2 done · 2 passed · 0 failed · 0 errored/);
    expect(result.stderr).not.toContain("\r");

    const run = await suiteRun(srunIn(result.stdout));
    expect(run).toMatchObject({
      trigger: "ci",
      status: "passed",
      trigger_meta: {
        provider: "github",
        commit: "0123456789abcdef0123456789abcdef01234567",
        branch: "feature/refunds",
        pr: 42,
        repository: "acme/shop",
        url: "https://github.com/acme/shop/actions/runs/777",
      },
    });

    const xml = readFileSync(junit, "utf8");
    validateJunit(junit);
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toMatch(
      /<testsuite name="Checkout bot \/ agent 1" tests="2" failures="0" errors="0"/,
    );
  });

  it("exits 1 when the gate fails; the Markdown summary leads with the verdict, the delta and the regressions", async () => {
    const tag = Date.now().toString(36);
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { name: "greets | politely", input: `hi ${tag}`, scorers: [contains("hi")] },
        { name: "explains refunds", input: `refund ${tag}`, scorers: [contains("refund")] },
        { name: "already broken", input: `broken ${tag}`, scorers: [contains("broken")] },
      ],
      suite: { name: "Support <bot>", passThreshold: 0.9 },
    });
    refuse.add(`broken ${tag}`);
    const baseline = await assay(["run", suiteId, "--wait", "--quiet"]);
    expect(baseline.code, why(baseline)).toBe(1); // 2/3 < 0.9
    expect(baseline.stderr).toBe("");

    refuse.add(`refund ${tag}`); // a regression: it passed in the baseline
    const summary = join(dir, "summary.md");
    const junit = join(dir, "fail.xml");
    const result = await assay([
      "run",
      suiteId,
      "--summary-md",
      summary,
      "--junit",
      junit,
      "--share",
    ]);
    expect(result.code, why(result)).toBe(1);
    expect(result.stdout).toMatch(/✘ FAILED {2}Support <bot>: 33.3% passed \(1\/3\) · gate ≥ 90%/);
    expect(result.stdout).toMatch(/Shared report: http:\/\/\S+\/share\/[A-Za-z0-9_-]{20,}/);

    const md = readFileSync(summary, "utf8");
    expect(md.split("\n")[0]).toBe("### ❌ failed · Assay · Support \\<bot\\>");
    expect(md).toContain(
      "**33.3%** passed (1 of 3) · gate ≥ 90% · **▼ -33.3 pts** vs [previous run](",
    );
    const regressions = md.indexOf("#### 🔻 Regressions (1)");
    const alsoFailing = md.indexOf("#### Also failing (1)");
    expect(regressions).toBeGreaterThan(0);
    expect(alsoFailing).toBeGreaterThan(regressions);
    expect(md.slice(regressions, alsoFailing)).toContain(
      "| explains refunds | agent 1 | 0 | passed | failed |",
    );
    expect(md.slice(alsoFailing)).toContain("| already broken | agent 1 | 0 | failed |");
    expect(md).toMatch(
      /\[Open the run\]\(http:\/\/\S+\/runs\/srun_\w+\) · \[Shared report\]\(http:\/\/\S+\/share\/\S+\)/,
    );
    expect(md).toContain("trigger cli");

    validateJunit(junit);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(/tests="3" failures="2" errors="0"/);
    expect(xml.match(/<failure /g)).toHaveLength(2);

    // --threshold overrides the suite's gate client-side; status --exit-code re-judges a finished run.
    const id = srunIn(result.stdout);
    const lenient = await assay(["status", id, "--exit-code", "--threshold", "30%", "--json"]);
    expect(lenient.code, why(lenient)).toBe(0);
    expect(JSON.parse(lenient.stdout)).toMatchObject({
      verdict: "passed",
      threshold: 0.3,
      exit_code: 0,
    });
    expect((await assay(["status", id])).code).toBe(0); // without --exit-code status only reports

    // resubmit --wait re-runs the failed cases; they still fail.
    const again = await assay(["resubmit", id, "--wait", "--json", "--quiet"]);
    expect(again.code, why(again)).toBe(1);
    const resubmitted = JSON.parse(again.stdout).suite_run;
    expect(resubmitted).toMatchObject({ total_runs: 2, status: "failed", trigger: "resubmit" });
    expect((await suiteRun(resubmitted.id)).parent_suite_run_id).toBe(id);
  });

  it("exits 2 when errored runs decide the gate, and honours --threshold for that rule too", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { input: "fine", scorers: [contains("fine")] },
        { input: "boom", scorers: [contains("boom")] },
      ],
      target: { retries: 0 },
    });
    const strict = await assay(["run", suiteId, "--wait"]);
    expect(strict.code, why(strict)).toBe(2); // 1 passed, 1 errored, gate 1.0: depends on the errored run
    expect(strict.stdout).toMatch(/⚠ ERROR/);
    expect(strict.stdout).toContain("depends on errored runs");
    const lenient = await assay(["run", suiteId, "--threshold", "0.5"]);
    expect(lenient.code, why(lenient)).toBe(0);
  });

  it("exits 3 for a bad key, a key without the run scope, an unknown suite and bad arguments", async () => {
    const [bad, readOnly, unknown, badThreshold, noArgument, noKey, help] = await Promise.all([
      assay(["run", "anything", "--wait"], {
        ASSAY_API_KEY: "assay_not_a_real_key_000000000000000",
      }),
      assay(["run", "anything", "--wait"], { ASSAY_API_KEY: project.keys.read }),
      assay(["run", "no-such-suite", "--wait"]),
      assay(["run", "x", "--threshold", "lots"]),
      assay(["status"]),
      assay(["run", "x"], { ASSAY_API_KEY: "" }),
      assay(["eval", "--help"]),
    ]);
    expect(bad.code, why(bad)).toBe(3);
    expect(bad.stderr).toContain("Unauthorized");
    expect(readOnly.code, why(readOnly)).toBe(3);
    expect(readOnly.stderr).toContain("Forbidden");
    expect(unknown.code, why(unknown)).toBe(3);
    expect(unknown.stderr).toContain('Suite "no-such-suite" not found');
    expect(badThreshold.code, why(badThreshold)).toBe(3);
    expect(badThreshold.stderr).toContain("expected a pass rate");
    expect(noArgument.code).toBe(3);
    expect(noKey.code).toBe(3);
    expect(noKey.stderr).toContain("ASSAY_API_KEY");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--output-file <file>");
  });

  it("exits 2 when the server cannot be reached", async () => {
    const down = await assay(["status", "srun_01jh0000000000000000000000"], {
      ASSAY_URL: "http://127.0.0.1:9",
    });
    expect(down.code, why(down)).toBe(2);
    expect(down.stderr).toContain("Cannot reach");
  });
});

describe("assay eval, status, open", () => {
  it("scores a supplied output: 0 when it clears the gate, 1 when it does not", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [
        { name: "mentions refunds", input: "q", scorers: [contains("refund")] },
        { name: "is polite", input: "q", scorers: [contains("please")] },
      ],
    });
    const good = join(dir, "good.txt");
    writeFileSync(good, "Yes, please ask for a refund within 30 days.");
    const ok = await assay(["eval", suiteId, "--output-file", good]);
    expect(ok.code, why(ok)).toBe(0);
    const bad = join(dir, "bad.txt");
    writeFileSync(bad, "No.");
    const blocked = await assay(["eval", suiteId, "--output-file", bad, "--json"]);
    expect(blocked.code, why(blocked)).toBe(1);
    expect(JSON.parse(blocked.stdout)).toMatchObject({
      verdict: "failed",
      suite_run: { failed_count: 2 },
    });
    expect(blocked.stderr).toContain("✘ mentions refunds");
    expect((await assay(["eval", suiteId, "--output-file", join(dir, "missing.txt")])).code).toBe(
      3,
    );
  });

  it("starts without waiting, reports progress with status, and opens the run in a browser", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "later", scorers: [contains("later")] }],
    });
    const started = await assay(["run", suiteId]);
    expect(started.code, why(started)).toBe(0);
    const id = srunIn(started.stdout);
    expect(started.stdout).toContain(`assay status ${id} --wait`);
    const waited = await assay(["status", id, "--wait"]);
    expect(waited.code, why(waited)).toBe(0);
    expect(waited.stdout).toContain("✔ PASSED");

    const bin = mkdtempSync(join(tmpdir(), "assay-opener-"));
    const log = join(bin, "opened.txt");
    writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\necho "$@" > "${log}"\n`);
    chmodSync(join(bin, "xdg-open"), 0o755);
    const env = {
      PATH: `${bin}:${process.env.PATH}`,
      DISPLAY: ":99",
      ASSAY_API_KEY: project.keys.read,
    };
    const opened = await assay(["open", id], env);
    expect(opened.code, why(opened)).toBe(0);
    expect(opened.stdout.trim()).toMatch(new RegExp(`^http://\\S+/runs/${id}$`));
    for (let i = 0; i < 50 && !existsSync(log); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(log, "utf8").trim()).toBe(opened.stdout.trim());
    // No browser to be had (CI): the URL is printed and the command still succeeds.
    const inCi = await assay(["open", id], { ...env, PATH: "/nonexistent" });
    expect(inCi.code, why(inCi)).toBe(0);
    expect((await assay(["open", "srun_01jh0000000000000000000000"])).code).toBe(3);
  });
});
