import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export type AgentHandler = (
  body: any,
  req: IncomingMessage,
  res: ServerResponse,
) => void | Promise<void>;

export type TestAgent = {
  url: string;
  calls: any[];
  inFlight: () => number;
  maxInFlight: () => number;
  close: () => Promise<void>;
  server: Server;
};

/** A small local HTTP agent for tests. The default handler answers `{output: "echo: <input>"}`. */
export async function startAgent(handler?: AgentHandler): Promise<TestAgent> {
  const calls: any[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer(async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: any = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
    } catch {
      body = Buffer.concat(chunks).toString("utf8");
    }
    calls.push({ body, headers: req.headers });
    if (handler) return void (await handler(body, req, res));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        output: `echo: ${typeof body?.input === "string" ? body.input : JSON.stringify(body?.input)}`,
      }),
    );
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    server,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}
