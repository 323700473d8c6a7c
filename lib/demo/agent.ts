import { createServer, type Server } from "node:http";

/**
 * The demo agent started with `npm start`: a small, deterministic support bot for "Acme Store" on
 * loopback, so the seeded suite has something real to call. It answers in JSON like most agents.
 */
export function answer(
  input: string,
  history: { role: string; content: string }[] = [],
): { output: string; intent: string } {
  const text = input.toLowerCase();
  if (/\b(hi|hello|hey)\b/.test(text))
    return {
      output: "Hello! I'm the Acme Store assistant. How can I help you today?",
      intent: "greeting",
    };
  if (text.includes("refund"))
    return {
      output:
        "You can request a refund within 30 days of delivery. Refunds reach your card in 5-7 business days.",
      intent: "refund",
    };
  if (text.includes("ship"))
    return {
      output:
        "Standard shipping takes 3-5 business days; express shipping takes 1-2 business days.",
      intent: "shipping",
    };
  if (text.includes("order") && /\d+/.test(text)) {
    const id = text.match(/\d+/)![0];
    return {
      output: JSON.stringify({ order_id: id, status: "shipped", eta_days: 2 }),
      intent: "order_status",
    };
  }
  if (text.includes("password"))
    return {
      output: "To reset your password, open Settings → Security and choose 'Reset password'.",
      intent: "account",
    };
  if (text.includes("name")) {
    const said = [...history]
      .reverse()
      .find((m) => m.role === "user" && /my name is (\w+)/i.test(m.content));
    return {
      output: said
        ? `Your name is ${said.content.match(/my name is (\w+)/i)![1]}.`
        : "I don't know your name yet.",
      intent: "memory",
    };
  }
  if (text.includes("competitor") || text.includes("cheaper"))
    return {
      output: "Our prices are competitive, and we match any verified lower price.",
      intent: "pricing",
    };
  return {
    output: "I'm sorry, I can only help with orders, shipping, refunds and accounts.",
    intent: "fallback",
  };
}

export async function startDemoAgent(port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.method !== "POST") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ status: "ok", agent: "acme-demo" }));
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: { input?: unknown; messages?: { role: string; content: string }[] } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      } catch {
        res.writeHead(400, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: "invalid JSON" }));
      }
      const input = typeof body.input === "string" ? body.input : JSON.stringify(body.input ?? "");
      const started = Date.now();
      const result = answer(input, Array.isArray(body.messages) ? body.messages : []);
      // A little latency, like a real agent.
      setTimeout(
        () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ ...result, took_ms: Date.now() - started }));
        },
        20 + Math.floor(Math.random() * 60),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const addr = server.address();
  const actual = typeof addr === "object" && addr ? addr.port : port;
  return { server, url: `http://127.0.0.1:${actual}/` };
}
