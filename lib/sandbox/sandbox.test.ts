import { describe, expect, it } from "vitest";
import { runInSandbox, type SandboxResult } from "./index";

const run = (
  source: string,
  args: unknown[] = [],
  limits: { timeoutMs?: number; memoryMb?: number } = {},
) =>
  runInSandbox({
    source,
    args,
    timeoutMs: limits.timeoutMs ?? 1_000,
    memoryMb: limits.memoryMb ?? 32,
  });

function errorOf(result: SandboxResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const MEMORY_BOMB = `export default function () { let a = []; while (true) a.push(new Array(1e6).fill(1)) }`;

describe("runInSandbox", () => {
  it("calls a default export function with the JSON args and returns its value", async () => {
    const result = await run(
      `export default function (a, b) { return { sum: a.n + b, list: [a, b] } }`,
      [{ n: 2 }, 3],
    );
    expect(result).toMatchObject({ ok: true, value: { sum: 5, list: [{ n: 2 }, 3] }, logs: [] });
  });

  it("awaits an async default export", async () => {
    const result = await run(
      `export default async function (input, ctx) { await null; const x = await Promise.resolve(input + "!"); return x + ctx.suffix }`,
      ["hi", { suffix: "?" }],
    );
    expect(result).toMatchObject({ ok: true, value: "hi!?" });
  });

  it("accepts arrow functions, sync and async", async () => {
    expect(await run(`export default (n) => n * 2`, [21])).toMatchObject({ ok: true, value: 42 });
    expect(await run(`export default async (n) => n * 3`, [2])).toMatchObject({
      ok: true,
      value: 6,
    });
  });

  it("has no process, require, fetch, timers or std modules", async () => {
    const result = await run(`export default () => [typeof process, typeof require, typeof fetch,
      typeof setTimeout, typeof XMLHttpRequest, typeof std, typeof os, typeof Deno, typeof Bun]`);
    expect(result).toMatchObject({ ok: true, value: Array(9).fill("undefined") });
  });

  it("cannot import modules", async () => {
    const error = errorOf(
      await run(`import fs from "fs"; export default () => fs.readFileSync("/etc/passwd", "utf8")`),
    );
    expect(error.code).toBe("runtime_error");
    expect(error.message).toContain("could not load module");
  });

  it("captures console.log lines, at most 100", async () => {
    const result = await run(
      `export default () => { console.log("n", 1, { a: [1] }, null); for (let i = 0; i < 150; i++) console.log(i); return 0 }`,
    );
    expect(result.logs).toHaveLength(100);
    expect(result.logs[0]).toBe('n 1 {"a":[1]} null');
    expect(result.logs[99]).toBe("98");
  });

  it("reports a syntax error", async () => {
    const error = errorOf(await run(`export default function ( {`));
    expect(error).toEqual({
      code: "syntax_error",
      message: expect.stringContaining("SyntaxError"),
    });
  });

  it("reports thrown errors and rejections with their message", async () => {
    expect(errorOf(await run(`export default () => { throw new TypeError("boom") }`))).toEqual({
      code: "runtime_error",
      message: "TypeError: boom",
    });
    expect(
      errorOf(await run(`export default async () => { await 1; throw new Error("late") }`)),
    ).toEqual({
      code: "runtime_error",
      message: "late",
    });
  });

  it("classifies odd thrown values without trusting them", async () => {
    expect(errorOf(await run(`export default () => { throw null }`))).toEqual({
      code: "runtime_error",
      message: "null was thrown",
    });
    const loopingGetter = `export default () => { throw { get message() { while (true) {} } } }`;
    expect(errorOf(await run(loopingGetter, [], { timeoutMs: 200 })).code).toBe("timeout");
  });

  it("reports a module without a default export function", async () => {
    const error = errorOf(await run(`export const answer = 42`));
    expect(error).toEqual({
      code: "runtime_error",
      message: "the module has no default export function",
    });
  });

  it("rejects values that are not JSON", async () => {
    expect(errorOf(await run(`export default () => undefined`)).code).toBe("invalid_return");
    expect(errorOf(await run(`export default () => 10n`)).code).toBe("invalid_return");
    expect(
      errorOf(await run(`export default () => { const a = {}; a.self = a; return a }`)).code,
    ).toBe("invalid_return");
  });

  it("serialises with the real JSON even if the module replaced it", async () => {
    const result = await run(
      `JSON.stringify = () => '"forged"'; export default () => ({ real: true })`,
    );
    expect(result).toMatchObject({ ok: true, value: { real: true } });
  });

  it("stops an infinite loop at the time limit", async () => {
    const result = await run(`export default () => { while (true) {} }`, [], { timeoutMs: 200 });
    expect(errorOf(result).code).toBe("timeout");
    expect(result.durationMs).toBeGreaterThanOrEqual(190);
    expect(result.durationMs).toBeLessThan(1_000);
  });

  it("stops an endless async loop at the time limit", async () => {
    const result = await run(`export default async () => { for (;;) await null }`, [], {
      timeoutMs: 200,
    });
    expect(errorOf(result).code).toBe("timeout");
  });

  it("reports a promise that can never settle instead of hanging", async () => {
    const error = errorOf(await run(`export default () => new Promise(() => {})`));
    expect(error).toEqual({ code: "runtime_error", message: "the returned promise never settles" });
  });

  it("stops a memory bomb at the memory limit, quickly", async () => {
    const result = await run(MEMORY_BOMB, [], { timeoutMs: 5_000 });
    expect(errorOf(result).code).toBe("memory_limit");
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it("stops a memory bomb at module top level", async () => {
    const result = await run(
      `const a = []; while (true) a.push(new Array(1e6).fill(1)); export default () => 1`,
    );
    expect(errorOf(result).code).toBe("memory_limit");
  });

  it("lets a program use memory under the limit", async () => {
    const result = await run(`export default () => new Array(1e6).fill(1).length`, [], {
      memoryMb: 32,
    });
    expect(result).toMatchObject({ ok: true, value: 1_000_000 });
  });

  it("turns runaway recursion into an error, including in the parser and JSON.parse", async () => {
    expect(errorOf(await run(`export default function f() { return f() + 1 }`)).message).toContain(
      "stack overflow",
    );
    const deepJson = `export default () => JSON.parse("[".repeat(100000) + "]".repeat(100000))`;
    expect(errorOf(await run(deepJson)).message).toContain("stack overflow");
    const deepEval = `export default () => eval("(".repeat(100000) + "1" + ")".repeat(100000))`;
    expect(errorOf(await run(deepEval)).code).toBe("runtime_error");
    expect(await run(`export default () => "still fine"`)).toMatchObject({
      ok: true,
      value: "still fine",
    });
  });

  it("survives 20 consecutive memory bombs and keeps working", async () => {
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 20; i++) {
      expect(errorOf(await run(MEMORY_BOMB)).code).toBe("memory_limit");
    }
    expect(await run(`export default (x) => x + 1`, [41])).toMatchObject({ ok: true, value: 42 });
    // Each bomb is capped near 32 MB; without the cap one bomb alone grows the heap to 2 GB.
    expect(process.memoryUsage().rss - before).toBeLessThan(1_000 * 1024 * 1024);
  }, 60_000);

  it("isolates calls: globals set by one call are gone in the next", async () => {
    await run(`globalThis.leak = "secret"; export default () => 1`);
    expect(await run(`export default () => typeof globalThis.leak`)).toMatchObject({
      ok: true,
      value: "undefined",
    });
  });
});
