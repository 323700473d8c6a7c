import type { Progress } from "./types";

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * Live progress on stderr: a bar redrawn in place (`\r`) on a terminal, plain lines elsewhere (CI
 * logs), at most one a second plus a final one. Silent with `quiet`.
 */
export class ProgressReporter {
  private last: Progress | null = null;
  private lastLineAt = 0;
  private lastLine = "";
  private readonly started = Date.now();
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private readonly stream: Stream = process.stderr,
    private readonly opts: { quiet?: boolean; tty?: boolean; intervalMs?: number } = {},
  ) {
    this.tty = opts.tty ?? Boolean(stream.isTTY);
  }

  update(progress: Progress): void {
    this.last = progress;
    if (this.opts.quiet) return;
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastLineAt < 100) return;
      this.lastLineAt = now;
      this.stream.write(`\r\x1b[2K${this.bar(progress)}`);
      return;
    }
    const line = this.line(progress);
    if (line === this.lastLine || now - this.lastLineAt < (this.opts.intervalMs ?? 1000)) return;
    this.lastLineAt = now;
    this.lastLine = line;
    this.stream.write(`${line}\n`);
  }

  /** The final state, always shown (the bar is finished and the line ended). */
  done(): void {
    if (this.opts.quiet || !this.last) return;
    if (this.tty) this.stream.write(`\r\x1b[2K${this.bar(this.last)}\n`);
    else if (this.line(this.last) !== this.lastLine) this.stream.write(`${this.line(this.last)}\n`);
  }

  private line(p: Progress): string {
    return `${this.label}: ${p.completed}/${p.total} done · ${p.passed} passed · ${p.failed} failed · ${p.errored} errored${p.cancelled ? ` · ${p.cancelled} cancelled` : ""} (${elapsed(Date.now() - this.started)})`;
  }

  private bar(p: Progress): string {
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 60));
    const filled = p.total > 0 ? Math.round((p.completed / p.total) * width) : 0;
    const pct = p.total > 0 ? Math.floor((p.completed / p.total) * 100) : 0;
    return `${this.label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${pct}% ${p.completed}/${p.total}  ✔ ${p.passed}  ✘ ${p.failed}  ⚠ ${p.errored}  ${elapsed(Date.now() - this.started)}`;
  }
}

export function elapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}
