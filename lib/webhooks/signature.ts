import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * `Assay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The timestamp
 * is signed with the body, so a captured request cannot be replayed after the tolerance window.
 */
export const SIGNATURE_HEADER = "Assay-Signature";

export function sign(secret: string, body: string | Buffer, timestampS: number): string {
  return createHmac("sha256", secret).update(`${timestampS}.`).update(body).digest("hex");
}

export function signatureHeader(
  secret: string,
  body: string,
  timestampS = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestampS},v1=${sign(secret, body, timestampS)}`;
}

/**
 * True when `header` carries a valid v1 signature of `body` (the raw request body, byte for byte)
 * made with `secret` less than `toleranceS` seconds from now. Several v1 values are accepted, so a
 * receiver can verify during a secret rotation.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string | Buffer,
  toleranceS = 300,
  nowMs = Date.now(),
): boolean {
  if (!header) return false;
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && /^\d{1,12}$/.test(value ?? "")) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value ?? "")) candidates.push(value);
  }
  if (timestamp === null || candidates.length === 0) return false;
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceS) return false;
  const expected = Buffer.from(sign(secret, body, timestamp), "hex");
  return candidates.some((c) => timingSafeEqual(Buffer.from(c, "hex"), expected));
}
