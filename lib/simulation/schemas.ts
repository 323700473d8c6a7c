import { z } from "zod";

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** POST /api/v1/scenarios/generate */
export const generateScenariosInput = z.strictObject({
  description: z.string().trim().min(1).max(10_000),
  count: z.number().int().min(1).max(10).default(5),
  provider: z.strictObject({
    base_url: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
      .max(2048),
    model: z.string().trim().min(1).max(200),
    api_key_secret: z.string().regex(SECRET_NAME, "must be a secret name"),
  }),
});
export type GenerateScenariosInput = z.infer<typeof generateScenariosInput>;
