import { randomBytes } from "node:crypto";

/** TypeIDs: `<prefix>_<26 Crockford base32 chars of a UUIDv7>`; they sort by creation time. */
export const ID_PREFIXES = {
  project: "proj",
  user: "user",
  membership: "mem",
  apiKey: "key",
  secret: "sec",
  target: "tgt",
  scenario: "scn",
  suite: "suite",
  suiteRun: "srun",
  run: "run",
  result: "res",
  shareLink: "shr",
  webhook: "whk",
  delivery: "dlv",
  audit: "aud",
  idempotency: "idem",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i]));

let lastMs = 0;
let seq = 0;

/** Random bytes come from a pool refilled 4 KB at a time: one syscall per ~400 ids, not two per id. */
let pool: Buffer = Buffer.alloc(0);
let poolAt = 0;
function randomAt(n: number): number {
  if (poolAt + n > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += n;
  return poolAt - n;
}

/** Write the 16 bytes of a UUIDv7 into `bytes`: 48-bit ms timestamp, version, 12-bit monotonic counter, variant, random. */
function uuidv7Into(bytes: Uint8Array, now: number): void {
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1; // counter overflow: borrow the next millisecond
    now = lastMs;
  } else {
    lastMs = now;
    const at = randomAt(2);
    seq = ((pool[at] << 8) | pool[at + 1]) & 0x7ff; // leave headroom for increments
  }
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (seq >> 8);
  bytes[7] = seq & 0xff;
  const at = randomAt(8);
  bytes[8] = 0x80 | (pool[at] & 0x3f);
  for (let i = 9; i < 16; i++) bytes[i] = pool[at + i - 8];
}

export function uuidv7Bytes(now = Date.now()): Uint8Array {
  const bytes = new Uint8Array(16);
  uuidv7Into(bytes, now);
  return bytes;
}

const CODES = [...ALPHABET].map((c) => c.charCodeAt(0));
const chars = new Array<number>(26);

/** 128 bits → 26 base32 chars (the first char carries only 3 bits), without BigInt. */
export function encodeBase32(bytes: Uint8Array): string {
  let acc = 0;
  let bits = 2; // 26 × 5 = 130 bits: two leading zero bits
  let n = 0;
  for (let i = 0; i < 16; i++) {
    acc = ((acc << 8) | bytes[i]) & 0x3fff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      chars[n++] = CODES[(acc >> bits) & 31];
    }
  }
  return String.fromCharCode.apply(null, chars);
}

export function decodeBase32(text: string): Uint8Array | null {
  if (text.length !== 26 || !/^[0-7]/.test(text)) return null;
  let value = 0n;
  for (const c of text) {
    const v = DECODE.get(c);
    if (v === undefined) return null;
    value = (value << 5n) | BigInt(v);
  }
  const bytes = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    bytes[i] = Number(value & 255n);
    value >>= 8n;
  }
  return bytes;
}

const scratch = new Uint8Array(16);

export function newId(kind: IdKind): string {
  uuidv7Into(scratch, Date.now());
  return `${ID_PREFIXES[kind]}_${encodeBase32(scratch)}`;
}

/** Many ids at once (trigger fan-out); same format, strictly increasing. */
export function newIds(kind: IdKind, count: number): string[] {
  const ids = new Array<string>(count);
  const prefix = `${ID_PREFIXES[kind]}_`;
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    uuidv7Into(scratch, now);
    ids[i] = prefix + encodeBase32(scratch);
  }
  return ids;
}

/** True when `id` is a well-formed TypeID of the given kind. Malformed ids are answered with 404. */
export function isId(kind: IdKind, id: string): boolean {
  const prefix = ID_PREFIXES[kind];
  return (
    id.length === prefix.length + 27 &&
    id.startsWith(prefix + "_") &&
    decodeBase32(id.slice(prefix.length + 1)) !== null
  );
}
