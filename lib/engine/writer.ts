import type { Sql } from "@/db/client";
import { log } from "@/lib/log";
import { sleep } from "./retry";
import { completeRuns, type CompletedResult, type CompletedRun } from "./sql";

type Pending = {
  run: CompletedRun;
  results: CompletedResult[];
  resolve: () => void;
  reject: (e: unknown) => void;
};

const MAX_BATCH = 200;
const LINGER_MS = 5;

/**
 * Batches finished runs from every chunk in this process into one statement per flush, so a busy
 * worker pays one round trip per batch instead of one per run. `submit` resolves once committed.
 */
export class CompletionWriter {
  private queue: Pending[] = [];
  private flushing = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly sql: Sql) {}

  submit(run: CompletedRun, results: CompletedResult[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ run, results, resolve, reject });
      if (this.queue.length >= MAX_BATCH) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), LINGER_MS);
    });
  }

  private async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      await this.write(batch);
      batch.forEach((p) => p.resolve());
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    } finally {
      this.flushing = false;
      if (this.queue.length) void this.flush();
    }
  }

  /** Retry through short database outages; after that the runs stay leased and the reaper takes over. */
  private async write(batch: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await completeRuns(
          this.sql,
          batch.map((p) => p.run),
          batch.flatMap((p) => p.results),
        );
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        log.warn("completion write failed, retrying", { attempt, error: String(error) });
        await sleep(200 * 2 ** attempt);
      }
    }
  }
}
