import type { Sql } from "@/db/client";
import { sleep } from "./retry";

/** In-process counting semaphore (the worker's global concurrency). */
export class Semaphore {
  private waiters: (() => void)[] = [];
  private active = 0;
  constructor(private readonly max: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }
}

/**
 * A concurrency limit that holds across every worker process: N slot rows per key in PostgreSQL,
 * taken with SKIP LOCKED and leased so a dead holder frees its slot when the lease expires.
 */
export class DbSlots {
  private seeded = new Map<string, number>();
  constructor(
    private readonly sql: Sql,
    private readonly holder: string,
  ) {}

  async acquire(key: string, max: number, leaseMs: number, signal: AbortSignal): Promise<number> {
    if ((this.seeded.get(key) ?? 0) < max) {
      await this
        .sql`insert into concurrency_slots (key, slot) select ${key}, g from generate_series(0, ${max - 1}::int) g on conflict do nothing`;
      this.seeded.set(key, max);
    }
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      const rows = await this.sql<{ slot: number }[]>`
        update concurrency_slots s set holder = ${this.holder}, expires_at = now() + make_interval(secs => ${leaseMs / 1000})
        from (select key, slot from concurrency_slots
              where key = ${key} and slot < ${max} and (holder is null or expires_at < now())
              limit 1 for update skip locked) free
        where s.key = free.key and s.slot = free.slot
        returning s.slot`;
      if (rows.length) return rows[0].slot;
      await sleep(wait + Math.random() * wait, signal);
    }
  }

  async release(key: string, slot: number): Promise<void> {
    await this
      .sql`update concurrency_slots set holder = null, expires_at = null where key = ${key} and slot = ${slot} and holder = ${this.holder}`;
  }
}

/** Per-target rate limit across processes (GCRA): each call reserves the next free instant, then waits for it. */
export async function reserveRateSlot(sql: Sql, key: string, perSecond: number): Promise<number> {
  const intervalS = 1 / perSecond;
  const [row] = await sql<{ delay_ms: number }[]>`
    insert into rate_limits as r (key, next_at) values (${key}, now() + make_interval(secs => ${intervalS}))
    on conflict (key) do update set next_at = greatest(r.next_at, now()) + make_interval(secs => ${intervalS})
    returning greatest(0, extract(epoch from (r.next_at - make_interval(secs => ${intervalS}) - now())) * 1000)::float8 as delay_ms`;
  return row.delay_ms;
}
