import { z } from "zod";
import { IMPORT_FORMATS } from "./types";

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const flag = z.enum(["true", "false"]).optional();

export const importQuery = z
  .object({
    format: z.enum(IMPORT_FORMATS).optional(),
    suite_id: z.string().min(1).max(100).optional(),
    suite_name: z.string().trim().min(1).max(200).optional(),
    target_id: z.string().min(1).max(100).optional(),
    partial: flag,
    dry_run: flag,
    judge_base_url: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
      .max(2048)
      .optional(),
    judge_model: z.string().trim().min(1).max(200).optional(),
    judge_key_secret: z.string().regex(SECRET_NAME, "must be a secret name").optional(),
  })
  .superRefine((q, issue) => {
    const judge = [q.judge_base_url, q.judge_model, q.judge_key_secret];
    if (judge.some(Boolean) && !judge.every(Boolean)) {
      for (const key of ["judge_base_url", "judge_model", "judge_key_secret"] as const) {
        if (!q[key]) {
          issue.addIssue({
            code: "custom",
            path: [key],
            message: "the judge needs judge_base_url, judge_model and judge_key_secret together",
          });
        }
      }
    }
    if (q.suite_id && q.suite_name) {
      issue.addIssue({
        code: "custom",
        path: ["suite_name"],
        message: "give suite_id (an existing suite) or suite_name (a new one), not both",
      });
    }
    if (q.target_id && !q.suite_id && !q.suite_name) {
      issue.addIssue({
        code: "custom",
        path: ["target_id"],
        message: "target_id is attached to the suite: give suite_id or suite_name too",
      });
    }
  });
export type ImportQuery = z.infer<typeof importQuery>;

export const exportQuery = z.object({ format: z.enum(["csv", "jsonl"]).default("csv") });
export type ExportQuery = z.infer<typeof exportQuery>;
