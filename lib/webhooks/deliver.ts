import { Agent, request } from "undici";
import { z } from "zod";
import type { Sql } from "@/db/client";
import { decrypt } from "@/lib/crypto";
import { assertUrlAllowed, BlockedUrlError, ssrfLookup } from "@/lib/net/ssrf";
import type { DeliveryRow } from "./deliveries";
import { signatureHeader } from "./signature";

const TIMEOUT_MS = Number(process.env.ASSAY_WEBHOOK_TIMEOUT_MS ?? 10_000);
const ERROR_SNIPPET = 500;

// Webhook receivers are user-configured URLs: every connect goes through the SSRF policy.
const agent = new Agent({
  connect: { lookup: ssrfLookup, timeout: TIMEOUT_MS },
  headersTimeout: TIMEOUT_MS,
  bodyTimeout: TIMEOUT_MS,
  keepAliveTimeout: 10_000,
});

type Target = DeliveryRow & { url: string; secret_ciphertext: string; deleted_at: Date | null };
type Attempt = { responseStatus: number | null; error: string | null; permanent: boolean };

export type AttemptResult = {
  delivery: Omit<DeliveryRow, "payload">;
  /** False when the delivery is settled (succeeded, or failed for good): no retry needed. */
  retry: boolean;
};

/**
 * Make one attempt at a delivery: POST the signed payload, record status code or error and the
 * attempt count. A 2xx settles it as succeeded; otherwise it stays pending until `attempt` reaches
 * `maxAttempts` (or the URL is refused by policy), then it is failed. Settled deliveries are left alone,
 * so a job that runs twice never posts twice after a success.
 */
export async function attemptDelivery(
  sql: Sql,
  deliveryId: string,
  { attempt, maxAttempts }: { attempt: number; maxAttempts: number },
): Promise<AttemptResult | null> {
  const [target] = await sql<Target[]>`
    select d.id, d.project_id, d.webhook_id, d.event, d.payload, d.status, d.attempts, d.response_status, d.error,
      d.created_at, d.delivered_at, w.url, w.secret_ciphertext, w.deleted_at
    from webhook_deliveries d join webhooks w on w.id = d.webhook_id where d.id = ${deliveryId}`;
  if (!target) return null;
  if (target.status !== "pending") return { delivery: target, retry: false };

  const outcome: Attempt = target.deleted_at
    ? { responseStatus: null, error: "The webhook was deleted", permanent: true }
    : await post(target);
  const ok = outcome.responseStatus !== null && outcome.responseStatus < 300 && !outcome.error;
  const final = ok || outcome.permanent || attempt >= maxAttempts;
  const [delivery] = await sql<Omit<DeliveryRow, "payload">[]>`
    update webhook_deliveries set attempts = attempts + 1, response_status = ${outcome.responseStatus},
      error = ${outcome.error}, status = ${ok ? "succeeded" : final ? "failed" : "pending"},
      delivered_at = ${ok ? sql`now()` : null}
    where id = ${deliveryId} and status = 'pending'
    returning id, project_id, webhook_id, event, status, attempts, response_status, error, created_at, delivered_at`;
  return { delivery: delivery ?? target, retry: !final };
}

async function post(target: Target): Promise<Attempt> {
  const payload = target.payload;
  // Envelope keys in a stable, readable order (jsonb does not keep the order they were written in).
  const body = JSON.stringify({
    id: payload.id,
    event: payload.event,
    created_at: payload.created_at,
    data: payload.data,
  });
  try {
    await assertUrlAllowed(target.url);
    const response = await request(target.url, {
      dispatcher: agent,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Assay-Webhooks/1",
        "assay-signature": signatureHeader(decrypt(target.secret_ciphertext), body),
        "assay-event": target.event,
        "assay-delivery": target.id,
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const status = response.statusCode;
    const text = await readSnippet(response.body);
    if (status >= 200 && status < 300)
      return { responseStatus: status, error: null, permanent: false };
    return {
      responseStatus: status,
      error: `HTTP ${status}${text ? `: ${text}` : ""}`,
      permanent: false,
    };
  } catch (error) {
    return {
      responseStatus: null,
      error: describe(error),
      permanent: error instanceof BlockedUrlError || hasBlockedCause(error),
    };
  }
}

/** The first bytes of a response body (for the delivery log); the rest is discarded unread. */
async function readSnippet(body: AsyncIterable<Buffer> & { destroy: () => void }) {
  let text = "";
  try {
    for await (const chunk of body) {
      text += chunk.toString("utf8");
      if (text.length >= ERROR_SNIPPET) break;
    }
  } catch {
    /* a body cut short still leaves a status code */
  } finally {
    body.destroy();
  }
  return text.slice(0, ERROR_SNIPPET).trim();
}

function hasBlockedCause(error: unknown): boolean {
  return error instanceof Error && error.cause instanceof BlockedUrlError;
}

function describe(error: unknown): string {
  if (error instanceof BlockedUrlError) return `Refused: ${error.message}`;
  if (hasBlockedCause(error))
    return `Refused: ${(error as Error & { cause: Error }).cause.message}`;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `No response within ${TIMEOUT_MS / 1000} s`;
  const code = (error as { code?: string })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (code && !message.includes(code) ? `${code}: ${message}` : message).slice(
    0,
    ERROR_SNIPPET,
  );
}

export const deliverJobPayload = z.object({ delivery_id: z.string().max(100) });

/** The deliver_webhook job: throwing hands the retry (with backoff) to graphile-worker. */
export async function runDeliveryJob(
  sql: Sql,
  payload: z.infer<typeof deliverJobPayload>,
  job: { attempts: number; max_attempts: number },
): Promise<void> {
  const result = await attemptDelivery(sql, payload.delivery_id, {
    attempt: job.attempts,
    maxAttempts: job.max_attempts,
  });
  if (result?.retry)
    throw new Error(`webhook delivery ${payload.delivery_id} failed: ${result.delivery.error}`);
}
