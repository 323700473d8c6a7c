import {
  getQuickJS,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from "quickjs-emscripten";
import type { SandboxRequest, SandboxResult } from "./types";

export type { SandboxRequest, SandboxResult } from "./types";

type SandboxErrorCode = Extract<SandboxResult, { ok: false }>["error"]["code"];

/** Thrown inside the host code below; turned into a failed SandboxResult at the boundary. */
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
const MAX_ERROR_MESSAGE_CHARS = 1_000;
/** QuickJS's own stack guard; well under the WASM stack so deep recursion fails cleanly. */
const MAX_STACK_BYTES = 512 * 1024;

let quickjsModule: Promise<QuickJSWASMModule> | undefined;

/** One WASM module for the process; every call gets its own runtime inside it. */
function loadQuickJS(): Promise<QuickJSWASMModule> {
  quickjsModule ??= getQuickJS();
  return quickjsModule;
}

/** Run `export default` of an untrusted ES module with JSON args, under time and memory limits. */
export async function runInSandbox(req: SandboxRequest): Promise<SandboxResult> {
  const startedAt = performance.now();
  const logs: string[] = [];
  const elapsed = () => Math.round(performance.now() - startedAt);
  const quickjs = await loadQuickJS();

  const runtime = quickjs.newRuntime();
  const deadline = Date.now() + Math.max(1, req.timeoutMs);
  const state = { interrupted: false };
  runtime.setMemoryLimit(Math.max(1, req.memoryMb) * 1024 * 1024);
  runtime.setMaxStackSize(MAX_STACK_BYTES);
  runtime.setInterruptHandler(() => {
    if (Date.now() > deadline) state.interrupted = true;
    return state.interrupted;
  });
  const context = runtime.newContext();
  try {
    const value = execute(runtime, context, req, logs, state);
    return { ok: true, value, durationMs: elapsed(), logs };
  } catch (error) {
    const failure =
      error instanceof SandboxFailure
        ? error
        : new SandboxFailure("runtime_error", "the sandbox failed unexpectedly");
    return {
      ok: false,
      error: { code: failure.code, message: failure.message },
      durationMs: elapsed(),
      logs,
    };
  } finally {
    context.dispose();
    runtime.dispose();
  }
}

type Limits = { interrupted: boolean };

function execute(
  runtime: QuickJSRuntime,
  context: QuickJSContext,
  req: SandboxRequest,
  logs: string[],
  limits: Limits,
): unknown {
  const handles: QuickJSHandle[] = [];
  const own = (handle: QuickJSHandle) => (handles.push(handle), handle);
  try {
    installConsole(context, logs, own);
    // Taken before user code runs, so a module that reassigns JSON cannot fake its result.
    const json = own(context.getProp(context.global, "JSON"));
    const stringify = own(context.getProp(json, "stringify"));
    const parse = own(context.getProp(json, "parse"));

    const loaded = context.evalCode(req.source, "main.js", { type: "module", strict: true });
    if (loaded.error) throw toFailure(context, own(loaded.error), limits, "load");
    const namespace = settle(runtime, context, own(loaded.value), limits, own, "load");
    const main = own(context.getProp(namespace, "default"));
    if (context.typeof(main) !== "function") {
      throw new SandboxFailure("runtime_error", "the module has no default export function");
    }

    const argsJson = own(context.newString(JSON.stringify(req.args ?? [])));
    const args = unwrap(context, context.callFunction(parse, json, argsJson), limits, own, "call");
    const argc = context.getLength(args) ?? 0;
    const argHandles = Array.from({ length: argc }, (_, i) => own(context.getProp(args, i)));

    const called = context.callFunction(main, context.undefined, argHandles);
    const returned = settle(runtime, context, unwrap(context, called, limits, own, "call"), limits, own, "call");

    const serialised = context.callFunction(stringify, json, returned);
    if (serialised.error) {
      const failure = toFailure(context, own(serialised.error), limits, "call");
      if (failure.code !== "runtime_error") throw failure;
      throw new SandboxFailure("invalid_return", `return value is not JSON-serialisable: ${failure.message}`);
    }
    const text = own(serialised.value);
    if (context.typeof(text) !== "string") {
      throw new SandboxFailure("invalid_return", "return value is not JSON-serialisable");
    }
    return JSON.parse(context.getString(text));
  } finally {
    for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
  }
}

type Phase = "load" | "call";

function unwrap(
  context: QuickJSContext,
  result: ReturnType<QuickJSContext["callFunction"]>,
  limits: Limits,
  own: (h: QuickJSHandle) => QuickJSHandle,
  phase: Phase,
): QuickJSHandle {
  if (result.error) throw toFailure(context, own(result.error), limits, phase);
  return own(result.value);
}

/** Drive the job queue until `handle` (a promise, or a plain value) settles. */
function settle(
  runtime: QuickJSRuntime,
  context: QuickJSContext,
  handle: QuickJSHandle,
  limits: Limits,
  own: (h: QuickJSHandle) => QuickJSHandle,
  phase: Phase,
): QuickJSHandle {
  for (;;) {
    const state = context.getPromiseState(handle);
    if (state.type === "fulfilled") return state.notAPromise ? handle : own(state.value);
    if (state.type === "rejected") throw toFailure(context, own(state.error), limits, phase);
    const jobs = runtime.executePendingJobs();
    if (jobs.error) throw toFailure(jobs.error.context, own(jobs.error), limits, phase);
    if (limits.interrupted) throw timeoutFailure();
    if (jobs.value === 0 && context.getPromiseState(handle).type === "pending") {
      // Nothing left to run and no timers exist in the sandbox: it can never settle.
      throw new SandboxFailure("runtime_error", "the returned promise never settles");
    }
  }
}

function timeoutFailure(): SandboxFailure {
  return new SandboxFailure("timeout", "execution exceeded the time limit");
}

/** Classify a guest exception. Reads name/message as strings; never trusts the value's shape. */
function toFailure(
  context: QuickJSContext,
  errorHandle: QuickJSHandle,
  limits: Limits,
  phase: Phase,
): SandboxFailure {
  if (limits.interrupted) return timeoutFailure();
  const { name, message } = describeError(context, errorHandle);
  if (name === "InternalError" && /out of memory/i.test(message)) {
    return new SandboxFailure("memory_limit", "execution exceeded the memory limit");
  }
  if (name === "" && message === "" && context.typeof(errorHandle) === "object") {
    // QuickJS throws `null` when it cannot even allocate the error object.
    return new SandboxFailure("memory_limit", "execution exceeded the memory limit");
  }
  if (phase === "load" && name === "SyntaxError") {
    return new SandboxFailure("syntax_error", truncate(`SyntaxError: ${message}`));
  }
  const text = name && name !== "Error" ? `${name}: ${message}` : message || name;
  return new SandboxFailure("runtime_error", truncate(text || "an exception was thrown"));
}

function describeError(context: QuickJSContext, handle: QuickJSHandle): { name: string; message: string } {
  const type = context.typeof(handle);
  if (type !== "object" && type !== "function") {
    return { name: "", message: type === "string" ? context.getString(handle) : String(safeDump(context, handle)) };
  }
  const read = (key: string) => {
    try {
      const prop = context.getProp(handle, key);
      try {
        return context.typeof(prop) === "string" ? context.getString(prop) : "";
      } finally {
        prop.dispose();
      }
    } catch {
      return "";
    }
  };
  return { name: read("name"), message: read("message") };
}

function safeDump(context: QuickJSContext, handle: QuickJSHandle): unknown {
  try {
    return context.dump(handle);
  } catch {
    return "an exception was thrown";
  }
}

/** `console.log` is the only host function the guest sees: it appends to `logs`, nothing else. */
function installConsole(
  context: QuickJSContext,
  logs: string[],
  own: (h: QuickJSHandle) => QuickJSHandle,
): void {
  const log = own(
    context.newFunction("log", (...args: QuickJSHandle[]) => {
      if (logs.length >= MAX_LOG_LINES) return;
      const line = args.map((arg) => formatLogArg(context, arg)).join(" ");
      logs.push(truncate(line, MAX_LOG_LINE_CHARS));
    }),
  );
  const consoleObject = own(context.newObject());
  context.setProp(consoleObject, "log", log);
  context.setProp(context.global, "console", consoleObject);
}

function formatLogArg(context: QuickJSContext, arg: QuickJSHandle): string {
  if (context.typeof(arg) === "string") return context.getString(arg);
  const dumped = safeDump(context, arg);
  if (typeof dumped === "string") return dumped;
  try {
    return JSON.stringify(dumped) ?? String(dumped);
  } catch {
    return String(dumped);
  }
}

function truncate(text: string, max = MAX_ERROR_MESSAGE_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
