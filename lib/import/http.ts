import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { json } from "@/lib/http/route";
import { withIdempotency } from "@/lib/http/idempotency";
import { readBodyBytes } from "@/lib/http/body";
import type { ImportQuery } from "./schemas";
import { importScenarios } from "./service";
import { MAX_IMPORT_BYTES, type ImportOptions, type Upload } from "./types";

const tooLarge = () =>
  new AppError(
    "payload_too_large",
    `Import files are limited to ${MAX_IMPORT_BYTES / (1024 * 1024)} MB; split the file into several imports`,
    { field: "(file)" },
  );

/** The file: the body itself, or the first file of a multipart/form-data upload (`curl -F`). */
async function uploadOf(req: Request): Promise<Upload> {
  const contentType = req.headers.get("content-type") ?? "";
  const bytes = await readBodyBytes(req, MAX_IMPORT_BYTES, tooLarge); // bytes, not text: the encoding is checked on them
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) return { bytes, contentType };
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    throw new AppError("bad_request", "The multipart/form-data body could not be read", {
      field: "(file)",
    });
  }
  const file = [...form.values()].find((value): value is File => typeof value !== "string");
  if (!file) {
    throw new AppError("validation_failed", "The form has no file: send it in a field named file", {
      field: "file",
      errors: [{ field: "file", code: "required", message: "Required: the file to import" }],
    });
  }
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    contentType: file.type,
    filename: file.name,
  };
}

function optionsOf(query: ImportQuery): ImportOptions {
  const judge =
    query.judge_base_url && query.judge_model && query.judge_key_secret
      ? {
          base_url: query.judge_base_url,
          model: query.judge_model,
          api_key_secret: query.judge_key_secret,
        }
      : null;
  return {
    format: query.format,
    suiteId: query.suite_id,
    suiteName: query.suite_name,
    targetId: query.target_id,
    partial: query.partial === "true",
    dryRun: query.dry_run === "true",
    judge,
  };
}

/**
 * POST /api/v1/scenarios/import. With an Idempotency-Key, the same file and query within 24 h get
 * the original response back (Idempotent-Replayed: true); dry runs write nothing and skip that.
 */
export async function importFromRequest({
  req,
  ctx,
  query,
}: {
  req: Request;
  ctx: Ctx;
  query: ImportQuery;
}): Promise<Response> {
  const upload = await uploadOf(req);
  const options = optionsOf(query);
  const run = async () => {
    const result = await importScenarios({ ctx, upload, options });
    return json(result, result.dry_run ? 200 : 201);
  };
  if (options.dryRun) return run();
  const params = new URL(req.url).searchParams;
  params.sort();
  const fingerprint = `${params.toString()}\n${upload.contentType}\n${createHash("sha256").update(upload.bytes).digest("hex")}`;
  return withIdempotency(req, ctx, fingerprint, undefined, run);
}
