/** Run untrusted JavaScript (code targets, javascript scorers) in QuickJS: no env, files or network. */
export type SandboxRequest = {
  /** An ES module whose default export is a (possibly async) function. */
  source: string;
  /** JSON-serialisable arguments passed to the default export. */
  args: unknown[];
  timeoutMs: number;
  memoryMb: number;
};

export type SandboxResult =
  | { ok: true; value: unknown; durationMs: number; logs: string[] }
  | {
      ok: false;
      error: {
        code: "timeout" | "memory_limit" | "syntax_error" | "runtime_error" | "invalid_return";
        message: string;
      };
      durationMs: number;
      logs: string[];
    };
