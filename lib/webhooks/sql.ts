/**
 * SQL text shared by the statements that fan out webhook deliveries in the same transaction as the
 * state change they announce (lib/engine/sql.ts completeRuns, lib/runs/actions.ts cancel). Plain
 * strings for `sql.unsafe`: no user input is ever interpolated into them.
 */

export const DELIVER_TASK = "deliver_webhook";
/** graphile-worker retries a failed delivery with exponential backoff (e^attempt s): ~30 min in all. */
export const DELIVERY_MAX_ATTEMPTS = 8;

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A fresh UUIDv7 (ms timestamp + random) as `bit(130)` with two leading zero bits, ready to be cut
 * into 26 base32 characters. Volatile: select it once per row in a subquery (`offset 0` keeps the
 * planner from inlining it twice) and pass the column to `typeIdSql`.
 */
export const NEW_ID_BITS_SQL = `(B'00' || (('x' || encode(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::int8) from 3 for 6) from 1 for 6), 'hex'))::bit(128)
  | x'00000000000030000000000000000000'::bit(128)))`;

/** The TypeID (lib/ids.ts format) whose bits are in column `bits`. */
export function typeIdSql(prefix: string, bits: string): string {
  const chars = Array.from(
    { length: 26 },
    (_, i) => `substr('${ALPHABET}', substring(${bits} from ${i * 5 + 1} for 5)::int + 1, 1)`,
  );
  return `('${prefix}_' || ${chars.join(" || ")})`;
}

/** A timestamptz as JavaScript's toISOString() writes it. */
export const isoSql = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const ms = (column: string) => `floor(extract(epoch from ${column}) * 1000)`;

/**
 * The suite run of API.md (as lib/runs/json.ts suiteRunJson, less config_override and triggered_by)
 * from a row `s` of suite_runs columns, `p.slug` and `u.base_url`.
 */
export const SUITE_RUN_PAYLOAD_SQL = `jsonb_build_object(
  'id', s.id, 'suite_id', s.suite_id, 'suite_name', s.suite_name, 'trigger', s.trigger, 'status', s.status,
  'total_runs', s.total_runs, 'passed_count', s.passed_count, 'failed_count', s.failed_count,
  'errored_count', s.errored_count, 'cancelled_count', s.cancelled_count,
  'pending_count', s.total_runs - s.passed_count - s.failed_count - s.errored_count - s.cancelled_count,
  'completed_count', s.passed_count + s.failed_count + s.errored_count + s.cancelled_count,
  'pass_rate', case when s.total_runs > s.cancelled_count
    then round(s.passed_count::numeric / (s.total_runs - s.cancelled_count), 4)::float8 else 0 end,
  'gate', jsonb_build_object('threshold', s.pass_threshold,
    'passed', case when s.status in ('passed', 'failed', 'error') then s.status = 'passed' end),
  'created_at', ${isoSql("s.created_at")}, 'started_at', ${isoSql("s.started_at")},
  'completed_at', ${isoSql("s.completed_at")},
  'duration_ms', (${ms("s.completed_at")} - ${ms("coalesce(s.started_at, s.created_at)")})::int8,
  'parent_suite_run_id', s.parent_suite_run_id, 'trigger_meta', s.trigger_meta,
  'url', u.base_url || '/p/' || coalesce(p.slug, '-') || '/runs/' || s.id)`;

/** The columns SUITE_RUN_PAYLOAD_SQL reads, for a RETURNING clause of an update of suite_runs `s`. */
export const SUITE_RUN_PAYLOAD_COLUMNS = `s.project_id, s.suite_id, s.suite_name, s.trigger, s.total_runs,
  s.passed_count, s.failed_count, s.errored_count, s.cancelled_count, s.pass_threshold, s.created_at, s.started_at,
  s.completed_at, s.parent_suite_run_id, s.trigger_meta`;

/** The delivery envelope: `{id, event, created_at, data}`, from columns `id`, `event` and `data`. */
export const ENVELOPE_SQL = `jsonb_build_object('id', x.id, 'event', x.event, 'created_at', ${isoSql("now()")}, 'data', x.data)`;

/** One deliver_webhook job per delivery id in `source` (a CTE or subquery with an `id` column). */
export function enqueueDeliveriesSql(source: string): string {
  return `graphile_worker.add_jobs(array(
    select row('${DELIVER_TASK}', json_build_object('delivery_id', d.id), null, null, ${DELIVERY_MAX_ATTEMPTS}, null, 0, null)::graphile_worker.job_spec
    from ${source} d))`;
}
