import { TargetError } from "@/lib/targets/types";

const BASE_MS = 200;
const MAX_BACKOFF_MS = 10_000;
const MAX_RETRY_AFTER_MS = 30_000;

/** Exponential backoff with full jitter; a 429's Retry-After wins when it is given. */
export function backoffMs(attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  const cap = Math.min(MAX_BACKOFF_MS, BASE_MS * 2 ** attempt);
  return Math.round(cap / 2 + Math.random() * (cap / 2));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Call `fn`, retrying transient TargetErrors up to `retries` times. */
export async function withRetries<T>(
  retries: number,
  signal: AbortSignal,
  fn: () => Promise<T>,
): Promise<{ value: T; attempts: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { value: await fn(), attempts: attempt + 1 };
    } catch (error) {
      if (
        signal.aborted ||
        !(error instanceof TargetError) ||
        !error.transient ||
        attempt >= retries
      )
        throw error;
      await sleep(backoffMs(attempt, error.opts.retryAfterMs), signal);
    }
  }
}
