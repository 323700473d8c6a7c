import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  ASSAY_DATA_DIR: z.string().default(join(homedir(), ".assay")),
  ASSAY_PG_PORT: z.coerce.number().int().positive().default(54329),
  ASSAY_WORKER: z.enum(["on", "off"]).default("on"),
  ASSAY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  ASSAY_ENCRYPTION_KEY: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  ASSAY_PUBLIC_URL: z.string().optional(),
  ASSAY_TARGET_ALLOWLIST: z.string().optional(),
  ASSAY_INIT_USER_EMAIL: z.string().optional(),
  ASSAY_INIT_USER_PASSWORD: z.string().optional(),
  ASSAY_INIT_PROJECT_SLUG: z.string().optional(),
  ASSAY_INIT_API_KEY: z.string().optional(),
  ASSAY_SEED: z.enum(["on", "off"]).default("on"),
  ASSAY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The validated environment. Read lazily so scripts can set variables before first use. */
export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

export function resetEnvCache(): void {
  cached = undefined;
}

export function publicUrl(): string {
  return (env().ASSAY_PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");
}
