import { getSql } from "@/db/client";
import { EVENTS_CHANNEL } from "@/lib/engine/sql";
import { subscribe } from "@/lib/events/bus";
import { log } from "@/lib/log";
import { forgetApiKey } from "./key-cache";

const slot = Symbol.for("assay.keyRevocationListener");
const globals = globalThis as Record<symbol, boolean>;

/** Tell every process (this one at once) that a key is revoked, so no cache honours it any longer. */
export async function announceRevokedKey(keyId: string): Promise<void> {
  forgetApiKey(keyId);
  await getSql()`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ k: keyId })})`.catch(
    (error) => log.warn("could not announce a revoked key", { error: String(error) }),
  );
}

/** Once per process that caches keys: forget keys that other processes revoke. */
export function listenForRevokedKeys(): void {
  if (globals[slot]) return;
  globals[slot] = true;
  void subscribe("*", (msg) => {
    if (msg.k) forgetApiKey(msg.k);
  }).catch((error) => {
    globals[slot] = false;
    log.warn("cannot listen for revoked keys", { error: String(error) });
  });
}
