import postgres from "postgres";
import { databaseUrl } from "@/db/client";
import { log } from "@/lib/log";
import { EVENTS_CHANNEL } from "@/lib/engine/sql";

/** What the engine NOTIFYs: ids and counters only, never run content. */
export type BusMessage = {
  s?: string; // suite run id (every engine event has one)
  q?: number; // highest completion seq committed
  f?: boolean; // suite run finished
  started?: string[]; // run ids that started
  cancel?: boolean;
  k?: string; // an API key that was revoked (lib/auth/revocation.ts)
};

type Listener = (msg: BusMessage) => void;

type Bus = {
  sql: postgres.Sql;
  listeners: Map<string, Set<Listener>>;
  any: Set<Listener>;
  ready: Promise<void>;
};
const globalRef = globalThis as unknown as { __assayBus?: Bus };

/** One LISTEN connection per process; postgres.js re-listens after a reconnect. */
function bus(): Bus {
  if (globalRef.__assayBus) return globalRef.__assayBus;
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {}, idle_timeout: 0 });
  const listeners = new Map<string, Set<Listener>>();
  const any = new Set<Listener>();
  const ready = sql
    .listen(EVENTS_CHANNEL, (payload) => {
      let msg: BusMessage;
      try {
        msg = JSON.parse(payload) as BusMessage;
      } catch {
        return;
      }
      if (msg.s) listeners.get(msg.s)?.forEach((l) => l(msg));
      any.forEach((l) => l(msg));
    })
    .then(() => undefined)
    .catch((error) => log.error("LISTEN failed", { error: String(error) }));
  globalRef.__assayBus = { sql, listeners, any, ready };
  return globalRef.__assayBus;
}

/** Subscribe to one suite run's events (or every event with "*"); returns the unsubscribe function. */
export async function subscribe(suiteRunId: string | "*", listener: Listener): Promise<() => void> {
  const b = bus();
  await b.ready;
  if (suiteRunId === "*") {
    b.any.add(listener);
    return () => b.any.delete(listener);
  }
  const set = b.listeners.get(suiteRunId) ?? new Set();
  set.add(listener);
  b.listeners.set(suiteRunId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) b.listeners.delete(suiteRunId);
  };
}

export async function closeBus(): Promise<void> {
  const b = globalRef.__assayBus;
  globalRef.__assayBus = undefined;
  await b?.sql.end({ timeout: 2 });
}
