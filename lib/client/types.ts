/** Shapes of the Assay HTTP API as the browser sees them (see docs/api.md). */

export type Page<T> = { data: T[]; next_cursor: string | null; has_more: boolean };

export type RunStatus = "queued" | "running" | "passed" | "failed" | "error" | "cancelled";
export const TERMINAL_STATUSES: readonly RunStatus[] = ["passed", "failed", "error", "cancelled"];
export const isTerminalStatus = (status: string | undefined | null) =>
  !!status && (TERMINAL_STATUSES as readonly string[]).includes(status);

export type Role = "owner" | "admin" | "member" | "viewer";

export type Project = { id: string; slug: string; name: string; created_at: string; role?: Role };

export type LastRun = {
  id: string;
  status: RunStatus;
  pass_rate: number | null;
  created_at: string;
};

export type Suite = {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  scenario_ids: string[];
  target_ids: string[];
  scenario_count: number;
  target_count: number;
  repeat_count: number;
  pass_threshold: number;
  max_concurrency: number | null;
  labels: string[];
  schedule: { cron: string; timezone: string } | null;
  archived: boolean;
  last_run: LastRun | null;
  trend: number[];
  created_at: string;
  updated_at: string;
};

export type SuiteDetail = Suite & {
  scenarios: { id: string; name: string; archived: boolean }[];
  targets: { id: string; name: string; type: TargetType; archived: boolean }[];
};

export type Actor = { type: "user" | "api_key" | "system"; id: string | null; name: string };

export type SuiteRun = {
  id: string;
  suite_id: string | null;
  suite_name: string | null;
  trigger: string;
  status: RunStatus;
  total_runs: number;
  passed_count: number;
  failed_count: number;
  errored_count: number;
  cancelled_count: number;
  pending_count: number;
  completed_count?: number;
  pass_rate: number;
  completed_pass_rate?: number | null;
  gate: { threshold: number; passed: boolean | null };
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  parent_suite_run_id: string | null;
  config_override?: Record<string, unknown>;
  trigger_meta: Record<string, unknown>;
  triggered_by?: Actor | null;
  url?: string;
};

export type SuiteRunDetail = SuiteRun & { runs?: RunSummary[]; runs_truncated?: boolean };

export type RunSummary = {
  id: string;
  scenario_id: string;
  scenario_name: string | null;
  target_id: string;
  target_name: string | null;
  repeat_index: number;
  status: RunStatus;
  latency_ms: number | null;
  error_code?: string | null;
};

export type ChildRunsPage = Page<RunSummary> & { total: number };

export type SuiteHistory = {
  data: SuiteRun[];
  pagination: { page: number; pageSize: number; total: number; hasMore: boolean };
};

export type ScorerResult = {
  id: string;
  scorer: string;
  name: string;
  passed: boolean;
  score: number;
  threshold: number;
  reason: string;
  scorer_output: Record<string, unknown> | null;
  duration_ms: number;
};

export type ChatTurn = {
  role: string;
  content: unknown;
  latency_ms?: number | null;
  tool_calls?: unknown;
  /** Who wrote it in a multi-turn run: a scripted turn, the simulated user, or the target. */
  speaker?: "simulator" | "target" | "scripted" | null;
  /** Tokens spent producing this message (the simulator's or the target's). */
  tokens?: { prompt: number; completion: number } | null;
};

/** Why a simulated conversation ended. */
export type EndReason =
  "simulator_done" | "stop_when" | "max_turns" | "simulator_error" | "target_error";

export type SimulationSpec = {
  persona: string;
  mission: string;
  max_turns: number;
  first_message?: string;
  stop_when?: string;
  simulator: { base_url: string; model: string; api_key_secret?: string };
  judge_criteria: string[];
};

export type RoleUsage = { prompt: number; completion: number; cost_usd: number | null };

export type SimulationUsage = { target: RoleUsage; simulator: RoleUsage; judge: RoleUsage };

export type RunDetail = {
  id: string;
  suite_run_id: string;
  scenario: { id: string; name: string | null };
  target: { id: string; type: string | null; name: string | null };
  repeat_index: number;
  status: RunStatus;
  attempt: number;
  input: unknown;
  expected_output: unknown;
  output: unknown;
  transcript: ChatTurn[];
  error: { code: string; message: string } | null;
  latency_ms: number | null;
  tokens: { prompt?: number; completion?: number; total?: number } | null;
  cost_usd: number | null;
  retries?: number;
  started_at: string | null;
  completed_at: string | null;
  results: ScorerResult[];
  /** Simulated conversations only (null otherwise): the scenario's spec and how it went. */
  simulation?: SimulationSpec | null;
  end_reason?: EndReason | null;
  /** Agent replies in the conversation. */
  turns?: number | null;
  usage?: SimulationUsage | null;
};

export type ComparePair = {
  scenario_id: string;
  scenario_name: string | null;
  target_id: string;
  target_name: string | null;
  repeat_index: number;
  baseline: { run_id: string; status: RunStatus } | null;
  current: { run_id: string; status: RunStatus } | null;
};

export type Comparison = {
  baseline_id: string;
  current?: SuiteRun;
  baseline?: SuiteRun;
  pass_rate_delta: number;
  regressions: ComparePair[];
  fixes: ComparePair[];
  unchanged_count: number;
  new: ComparePair[];
  removed: ComparePair[];
};

export type ScorerSpec = {
  type: string;
  name?: string;
  threshold?: number;
  applies_to?: "final" | "each_turn";
  config: Record<string, unknown>;
};

export type Scenario = {
  id: string;
  name: string;
  description: string | null;
  tags: string[];
  input: unknown;
  turns: string[] | null;
  simulation: Record<string, unknown> | null;
  expected_output: unknown;
  scorers: ScorerSpec[];
  archived: boolean;
  created_at: string;
  updated_at: string;
};

export type TargetType = "http" | "prompt" | "code" | "workflow";

export type Target = {
  id: string;
  name: string;
  type: TargetType;
  description: string | null;
  config: Record<string, unknown>;
  timeout_ms: number;
  retries: number;
  max_concurrency: number | null;
  rate_limit_per_s: number | null;
  archived: boolean;
  created_at: string;
  updated_at: string;
};

export type TargetTestResult = {
  output: unknown;
  latency_ms: number;
  error: { code: string; message: string } | null;
  tokens: { prompt: number; completion: number; total: number } | null;
};

export type ApiKey = {
  id: string;
  name: string;
  scope: "read" | "run" | "admin";
  prefix: string;
  last4: string;
  created_at: string;
  last_used_at: string | null;
  key?: string;
};

export type Secret = { id: string; name: string; created_at: string; updated_at: string };

export type Webhook = {
  id: string;
  url: string;
  events: string[];
  created_at: string;
  signing_secret?: string;
};

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed";

/** One attempt log entry of GET /webhooks/{id}/deliveries; `payload` only on the single delivery. */
export type WebhookDelivery = {
  id: string;
  webhook_id: string;
  /** A subscribed event, or `ping` for a test event. */
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  response_status: number | null;
  error: string | null;
  created_at: string;
  delivered_at: string | null;
  payload?: unknown;
};

export type Member = {
  id: string;
  user_id: string;
  email: string;
  name: string | null;
  role: Role;
  created_at: string;
};

export type MembersPage = Page<Member> & { me: { user_id: string; role: Role } | null };

export type ShareLink = {
  id: string;
  suite_run_id: string;
  expires_at: string | null;
  revoked: boolean;
  created_at: string;
  url?: string;
};
