import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 1024 * 1024;
/** Oversized bodies up to this size are read and discarded, so the client receives the 413 cleanly. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** Read the request body as text, refusing anything over the limit without keeping it in memory. */
export async function readBodyText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return Buffer.from(await readBodyBytes(req, limit)).toString("utf8");
}

export async function readBodyBytes(
  req: Request,
  limit = MAX_BODY_BYTES,
  tooLarge = () =>
    new AppError("payload_too_large", `Request bodies are limited to ${limit} bytes`),
): Promise<Uint8Array> {
  const drainLimit = Math.max(DRAIN_LIMIT, limit);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (!req.body) return new Uint8Array();
  if (declared > drainLimit) {
    await req.body.cancel().catch(() => {});
    throw tooLarge();
  }
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > drainLimit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) throw tooLarge();
  return Buffer.concat(chunks);
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON");
  }
}
