import { EventEmitter } from "node:events";

const MAX_TIMER_MS = 2_147_483_647; // setTimeout fires at once above this

/**
 * The abort handle of one HTTP attempt: fired by the call's deadline or by the caller's signal.
 * undici accepts an EventEmitter as `signal`; it costs far less per call than an
 * AbortController, and callers' signals get one listener each however many calls share them.
 */
export class Deadline extends EventEmitter {
  aborted = false;
  timedOut = false;
  reason: unknown = undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly signal: AbortSignal,
    timeoutMs: number,
  ) {
    super();
    this.timer = setTimeout(
      () => {
        this.timedOut = true;
        this.abort();
      },
      Math.min(timeoutMs, MAX_TIMER_MS),
    );
    watch(signal, this);
  }

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit("abort");
  }

  /** Stop the timer and stop listening to the caller's signal. */
  release(): void {
    clearTimeout(this.timer);
    inFlight.get(this.signal)?.delete(this);
  }
}

const inFlight = new WeakMap<AbortSignal, Set<Deadline>>();

function watch(signal: AbortSignal, deadline: Deadline): void {
  let calls = inFlight.get(signal);
  if (!calls) {
    const registered = new Set<Deadline>();
    calls = registered;
    inFlight.set(signal, registered);
    signal.addEventListener(
      "abort",
      () => {
        for (const call of registered) call.abort(signal.reason);
        registered.clear();
      },
      { once: true },
    );
  }
  calls.add(deadline);
}
