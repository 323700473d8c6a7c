import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { newId } from "@/lib/ids";
import { afterEach, expect } from "vitest";
import { TargetError, type TargetCall, type TargetDefinition } from "./types";

/** What a local test agent saw of one request. */
export type Received = {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
};

export type TestServer = {
  url: string;
  received: Received[];
  /** Connections accepted so far (to check keep-alive reuse). */
  connections: () => number;
  close: () => Promise<void>;
};

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

/** A small agent on 127.0.0.1 that records every request and answers with `handler`. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      void handler(req, res, body);
    });
  });
  server.on("connection", (socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

export function makeTarget<C>(
  type: TargetDefinition["type"],
  config: C,
  overrides: Partial<TargetDefinition> = {},
): TargetDefinition {
  return {
    id: newId("target"),
    name: `${type} target`,
    type,
    config: config as Record<string, unknown>,
    timeoutMs: 5_000,
    retries: 0,
    ...overrides,
  };
}

export function makeCall(overrides: Partial<TargetCall> = {}): TargetCall {
  const input = overrides.input ?? "hello";
  return {
    input,
    messages: [
      { role: "user", content: typeof input === "string" ? input : JSON.stringify(input) },
    ],
    secrets: {},
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** The TargetError a call rejects with (fails the test if it resolves or throws anything else). */
export async function failure(promise: Promise<unknown>): Promise<TargetError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TargetError);
  return err as TargetError;
}

/** Start test agents that are closed after each test of the calling file. */
export function useServers(): (handler: Handler) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    const server = await startServer(handler);
    servers.push(server);
    return server;
  };
}
