import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from "quickjs-emscripten";
import { acquireEngine, isNearMemoryCeiling, retireEngine, type Engine } from "./engine";
import type { SandboxRequest, SandboxResult } from "./types";

export type { SandboxRequest, SandboxResult } from "./types";

type SandboxErrorCode = Extract<SandboxResult, { ok: false }>["error"]["code"];

/** A classified failure of the guest; becomes `{ok: false, error}` at the boundary. */
class SandboxFailure extends Error {
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MAX_LOG_LINES = 100;
const MAX_LOG_LINE_CHARS = 2_000;
const MAX_MESSAGE_CHARS = 1_000;
const MAX_MEMORY_MB = 1_024;
/** QuickJS's own stack guard: plain recursion stops at ~1,500 frames, well before Node's stack. */
const MAX_STACK_BYTES = 256 * 1024;

/** Everything one call creates inside the engine, so it can be released in one place. */
type Session = {
  engine: Engine;
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  handles: QuickJSHandle[];
  logs: string[];
  interrupted: boolean;
  /** Set when the engine must not be reused after this call. */
  poisoned: boolean;
  /** The guest's original JSON.stringify, captured before user code runs. */
  stringify?: QuickJSHandle;
};

/** Run `export default` of an untrusted ES module with JSON args, under time and memory limits. */
export async function runInSandbox(req: SandboxRequest): Promise<SandboxResult> {
  const startedAt = performance.now();
  const logs: string[] = [];
  const memoryMb = Math.min(MAX_MEMORY_MB, Math.max(1, Math.ceil(req.memoryMb)));
  const engine = await acquireEngine(memoryMb);
  const deadline = Date.now() + Math.max(1, req.timeoutMs);

  let session: Session;
  try {
    const runtime = engine.quickjs.newRuntime();
    runtime.setMemoryLimit(memoryMb * 1024 * 1024);
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    const context = runtime.newContext();
    session = { engine, runtime, context, handles: [], logs, interrupted: false, poisoned: false };
  } catch {
    retireEngine(engine);
    const message = "the sandbox could not start";
    return { ok: false, error: { code: "runtime_error", message }, durationMs: 0, logs };
  }
  const { runtime } = session;
  runtime.setInterruptHandler(() => {
    if (Date.now() > deadline) session.interrupted = true;
    return session.interrupted;
  });

  let outcome: { ok: true; value: unknown } | { ok: false; failure: SandboxFailure };
  try {
    outcome = { ok: true, value: execute(session, req) };
  } catch (error) {
    const failure = error instanceof SandboxFailure ? error : hostFailure(session, error);
    // QuickJS's out-of-memory paths can leave a runtime half-built; never reuse that engine.
    if (!(error instanceof SandboxFailure) || failure.code === "memory_limit") {
      session.poisoned = true;
    }
    outcome = { ok: false, failure };
  }
  if (session.poisoned) retireEngine(engine);
  else release(session);

  const durationMs = Math.round(performance.now() - startedAt);
  if (outcome.ok) return { ok: true, value: outcome.value, durationMs, logs };
  const { code, message } = outcome.failure;
  return { ok: false, error: { code, message }, durationMs, logs };
}

function release(session: Session): void {
  try {
    for (const handle of session.handles.reverse()) if (handle.alive) handle.dispose();
    session.context.dispose();
    session.runtime.dispose();
  } catch {
    retireEngine(session.engine);
  }
}

/** An exception raised by the host or the WASM machine itself, not by guest code. */
function hostFailure(session: Session, error: unknown): SandboxFailure {
  if (session.interrupted) return timeoutFailure();
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new SandboxFailure("runtime_error", "InternalError: stack overflow");
  }
  if (isNearMemoryCeiling(session.engine)) return memoryFailure();
  return new SandboxFailure("runtime_error", "the sandbox stopped unexpectedly");
}

function execute(session: Session, req: SandboxRequest): unknown {
  const { context } = session;
  const own = (handle: QuickJSHandle) => (session.handles.push(handle), handle);
  // Taken before user code runs, so a module that reassigns JSON cannot fake its result.
  const json = own(context.getProp(context.global, "JSON"));
  const stringify = own(context.getProp(json, "stringify"));
  const parse = own(context.getProp(json, "parse"));
  session.stringify = stringify;
  installConsole(session, own);

  const loaded = context.evalCode(req.source, "main.js", { type: "module", strict: true });
  const namespace = settle(session, own(unwrap(session, loaded, "load")), "load");
  const main = own(context.getProp(namespace, "default"));
  if (context.typeof(main) !== "function") {
    throw new SandboxFailure("runtime_error", "the module has no default export function");
  }

  const argsText = own(context.newString(JSON.stringify(req.args ?? [])));
  const args = own(unwrap(session, context.callFunction(parse, json, argsText), "call"));
  const argc = context.getLength(args) ?? 0;
  const argv = Array.from({ length: argc }, (_, i) => own(context.getProp(args, i)));

  const called = own(unwrap(session, context.callFunction(main, context.undefined, argv), "call"));
  const returned = settle(session, called, "call");

  const serialised = context.callFunction(stringify, json, returned);
  if (serialised.error) {
    const failure = toFailure(session, own(serialised.error), "call");
    if (failure.code !== "runtime_error") throw failure;
    throw new SandboxFailure("invalid_return", `the return value is not JSON: ${failure.message}`);
  }
  const text = own(serialised.value);
  if (context.typeof(text) !== "string") {
    throw new SandboxFailure("invalid_return", "the return value is not JSON-serialisable");
  }
  return JSON.parse(context.getString(text));
}

type Phase = "load" | "call";
type Evaluated = ReturnType<QuickJSContext["evalCode"]>;

function unwrap(session: Session, result: Evaluated, phase: Phase): QuickJSHandle {
  if (result.error) {
    session.handles.push(result.error);
    throw toFailure(session, result.error, phase);
  }
  return result.value;
}

/** Drive the job queue until `handle` (a promise, or a plain value) settles. */
function settle(session: Session, handle: QuickJSHandle, phase: Phase): QuickJSHandle {
  const { context, runtime } = session;
  for (;;) {
    const state = context.getPromiseState(handle);
    if (state.type === "fulfilled") {
      if (!state.notAPromise) session.handles.push(state.value);
      return state.value;
    }
    if (state.type === "rejected") {
      session.handles.push(state.error);
      throw toFailure(session, state.error, phase);
    }
    const jobs = runtime.executePendingJobs();
    if (jobs.error) {
      session.handles.push(jobs.error);
      throw toFailure(session, jobs.error, phase, jobs.error.context);
    }
    if (session.interrupted) throw timeoutFailure();
    if (jobs.value === 0 && context.getPromiseState(handle).type === "pending") {
      // No job left and the sandbox has no timers: this promise can never settle.
      throw new SandboxFailure("runtime_error", "the returned promise never settles");
    }
  }
}

function timeoutFailure(): SandboxFailure {
  return new SandboxFailure("timeout", "execution exceeded the time limit");
}

function memoryFailure(): SandboxFailure {
  return new SandboxFailure("memory_limit", "execution exceeded the memory limit");
}

/** Classify a guest exception. Reads name and message as strings; trusts nothing else. */
function toFailure(
  session: Session,
  errorHandle: QuickJSHandle,
  phase: Phase,
  context: QuickJSContext = session.context,
): SandboxFailure {
  if (session.interrupted) return timeoutFailure();
  if (context.sameValue(errorHandle, context.null)) {
    // QuickJS throws null when it cannot even allocate its "out of memory" error, and the
    // runtime may be half-built afterwards: drop the engine whatever the cause was.
    session.poisoned = true;
    return isNearMemoryCeiling(session.engine)
      ? memoryFailure()
      : new SandboxFailure("runtime_error", "null was thrown");
  }
  const { name, message } = describeError(context, errorHandle);
  // Reading name/message runs guest getters, which may themselves hit the deadline.
  if (session.interrupted) return timeoutFailure();
  if (name === "InternalError" && /out of memory/i.test(message)) return memoryFailure();
  if (phase === "load" && name === "SyntaxError") {
    return new SandboxFailure("syntax_error", truncate(`SyntaxError: ${message}`));
  }
  const text = name && name !== "Error" ? `${name}: ${message}` : message || name;
  return new SandboxFailure("runtime_error", truncate(text || "an exception was thrown"));
}

function describeError(context: QuickJSContext, handle: QuickJSHandle) {
  const type = context.typeof(handle);
  if (type !== "object" && type !== "function") {
    return { name: "", message: String(context.dump(handle)) };
  }
  const read = (key: string): string => {
    const prop = context.getProp(handle, key);
    try {
      return context.typeof(prop) === "string" ? context.getString(prop) : "";
    } finally {
      prop.dispose();
    }
  };
  return { name: read("name"), message: read("message") };
}

/** `console.log` is the only host function the guest sees: it appends to `logs`, nothing else. */
function installConsole(session: Session, own: (handle: QuickJSHandle) => QuickJSHandle): void {
  const { context, logs } = session;
  const log = own(
    context.newFunction("log", (...args: QuickJSHandle[]) => {
      if (logs.length >= MAX_LOG_LINES) return;
      const line = args.map((arg) => formatLogArg(session, arg)).join(" ");
      logs.push(truncate(line, MAX_LOG_LINE_CHARS));
    }),
  );
  const consoleObject = own(context.newObject());
  context.setProp(consoleObject, "log", log);
  context.setProp(context.global, "console", consoleObject);
}

/** Strings as-is, everything else as the guest's JSON.stringify renders it. */
function formatLogArg(session: Session, handle: QuickJSHandle): string {
  const { context, stringify } = session;
  const type = context.typeof(handle);
  if (type === "string") return context.getString(handle);
  if (type !== "object" || !stringify) return String(context.dump(handle));
  const result = context.callFunction(stringify, context.undefined, handle);
  if (result.error) {
    result.error.dispose();
    return "[unserialisable object]";
  }
  const text = result.value;
  try {
    return context.typeof(text) === "string" ? context.getString(text) : "undefined";
  } finally {
    text.dispose();
  }
}

function truncate(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
