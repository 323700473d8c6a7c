import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export type TriggerMeta = {
  commit?: string;
  branch?: string;
  pr?: number | string;
  url?: string;
  repository?: string;
  provider?: string;
};

type Git = { commit?: string; branch?: string };

/**
 * Where this run comes from: `trigger: ci` with commit, branch, PR and pipeline URL when a CI system
 * is detected (GitHub Actions, GitLab CI, or any that sets CI=true), `cli` otherwise. Whatever the
 * CI variables leave out is filled in from `git` when it is available.
 */
export function detectTrigger(
  env: Record<string, string | undefined> = process.env,
  git: () => Git = readGit,
): { trigger: "ci" | "cli"; meta: TriggerMeta } {
  let meta: TriggerMeta = {};
  let ci = false;
  if (env.GITHUB_ACTIONS === "true") {
    ci = true;
    const event = githubEvent(env.GITHUB_EVENT_PATH);
    const prFromRef = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? "")?.[1];
    const pr = event?.pull_request?.number ?? (prFromRef ? Number(prFromRef) : undefined);
    meta = {
      provider: "github",
      // On pull_request events GITHUB_SHA is a merge commit nobody pushed; the head is what was tested.
      commit: event?.pull_request?.head?.sha ?? env.GITHUB_SHA,
      branch: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME,
      pr,
      repository: env.GITHUB_REPOSITORY,
      url:
        env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
          ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
          : undefined,
    };
  } else if (env.GITLAB_CI === "true") {
    ci = true;
    meta = {
      provider: "gitlab",
      commit: env.CI_COMMIT_SHA,
      branch: env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME || env.CI_COMMIT_REF_NAME,
      pr: env.CI_MERGE_REQUEST_IID ? Number(env.CI_MERGE_REQUEST_IID) : undefined,
      repository: env.CI_PROJECT_PATH,
      url: env.CI_PIPELINE_URL,
    };
  } else if (env.CI && !["false", "0", ""].includes(env.CI.toLowerCase())) {
    ci = true;
    meta = { provider: "ci" };
  }
  if (!meta.commit || !meta.branch) {
    const fromGit = git();
    meta.commit ||= fromGit.commit;
    meta.branch ||= fromGit.branch;
  }
  const clean = Object.fromEntries(
    Object.entries(meta).filter(([, v]) => v !== undefined && v !== "" && !Number.isNaN(v)),
  ) as TriggerMeta;
  return { trigger: ci ? "ci" : "cli", meta: clean };
}

type GithubEvent = { pull_request?: { number?: number; head?: { sha?: string } } };

function githubEvent(path: string | undefined): GithubEvent | null {
  if (!path) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as GithubEvent;
  } catch {
    return null;
  }
}

function readGit(): Git {
  const run = (...args: string[]) => {
    try {
      return execFileSync("git", args, {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 2000,
      }).trim();
    } catch {
      return undefined;
    }
  };
  const commit = run("rev-parse", "HEAD");
  const branch = run("rev-parse", "--abbrev-ref", "HEAD");
  return { commit, branch: branch && branch !== "HEAD" ? branch : undefined };
}
