import { describe, expect, it } from "vitest";
import { callTarget } from "./index";
import { failure, makeCall, makeTarget } from "./test-server";

function codeTarget(source: string, timeoutMs = 2_000) {
  return makeTarget("code", { source }, { timeoutMs });
}

describe("code target", () => {
  it("returns what the default export returns for the input and ctx.messages", async () => {
    const target = codeTarget(
      `export default async function (input, ctx) {
         return { upper: input.text.toUpperCase(), turns: ctx.messages.length };
       }`,
    );
    const res = await callTarget(target, makeCall({ input: { text: "hi" } }));
    expect(res.output).toEqual({ upper: "HI", turns: 1 });
    expect(res.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("gives the code no secrets and no environment", async () => {
    const target = codeTarget(
      `export default function (input, ctx) {
         return [typeof process, typeof fetch, Object.keys(ctx).join(",")].join("|");
       }`,
    );
    const res = await callTarget(target, makeCall({ secrets: { KEY: "sk-x" } }));
    expect(res.output).toBe("undefined|undefined|messages");
  });

  it("stops an infinite loop at the timeout (non-transient)", async () => {
    const started = Date.now();
    const err = await failure(
      callTarget(codeTarget("export default function () { for (;;) {} }", 200), makeCall()),
    );
    expect(err.code).toBe("timeout");
    expect(err.transient).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports a thrown error as sandbox_error with its message", async () => {
    const err = await failure(
      callTarget(
        codeTarget('export default function () { throw new Error("agent exploded"); }'),
        makeCall(),
      ),
    );
    expect(err.code).toBe("sandbox_error");
    expect(err.message).toContain("agent exploded");
  });
});
