import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { answer } from "../../lib/demo/agent";

/**
 * The demo agent's exact answers, served from a loopback port the test controls: requests are held
 * until the test lets them through, one at a time, so progress on the page is observable step by step.
 */
export class GatedAgent {
  /** Requests whose input matches are answered at once (e.g. a case with a latency scorer). */
  constructor(private passThrough: (input: string) => boolean = () => false) {}

  private server: Server | null = null;
  private held: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private open = false;
  calls = 0;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.calls++;
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as {
          input?: unknown;
          messages?: { role: string; content: string }[];
        };
        const input =
          typeof body.input === "string" ? body.input : JSON.stringify(body.input ?? "");
        const reply = () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(answer(input, body.messages ?? [])));
        };
        if (this.open || this.passThrough(input)) reply();
        else this.held.push(reply);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  get waiting(): number {
    return this.held.length;
  }

  /** Let one held request through every `ms` (later arrivals, like a second turn, queue up too). */
  releaseEvery(ms: number) {
    this.timer = setInterval(() => this.held.shift()?.(), ms);
  }

  /** Hold requests again (after openAll). */
  hold() {
    this.open = false;
  }

  /** Stop holding: everything waiting and everything after answers at once. */
  openAll() {
    this.open = true;
    if (this.timer) clearInterval(this.timer);
    for (const reply of this.held.splice(0)) reply();
  }

  async stop() {
    this.openAll();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
