import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { z } from "zod";
import { compileRe2 } from "./regex";
import { errorVerdict, outputAsJson, plural, type ConfigChecker } from "./shared";
import type { Scorer } from "./types";

const configSchema = z
  .object({ schema: z.union([z.record(z.string(), z.unknown()), z.boolean()]) })
  .strict();

export type JsonSchemaConfig = z.output<typeof configSchema>;

const MAX_CACHED_VALIDATORS = 500;
const MAX_REPORTED_ERRORS = 20;

/** `pattern` and `patternProperties` run on RE2 too: a schema is user input. */
const re2Engine = Object.assign(
  (pattern: string, unicodeFlag: string) => {
    const re = compileRe2(pattern);
    return {
      test: (text: string) => re.test(text),
      toString: () => `re2:${unicodeFlag}:${pattern}`,
    };
  },
  { code: "re2js" },
);

/** Compiled validators by the schema's JSON, least recently used evicted first. */
const validators = new Map<string, ValidateFunction>();

/**
 * Compile (or reuse) a validator. Each schema gets its own Ajv instance: Ajv caches every schema
 * it ever saw, and two projects' schemas may claim the same `$id`.
 */
export function compileSchema(schema: Record<string, unknown> | boolean): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = validators.get(key);
  if (cached) {
    validators.delete(key);
    validators.set(key, cached);
    return cached;
  }
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { regExp: re2Engine } });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  validators.set(key, validate);
  if (validators.size > MAX_CACHED_VALIDATORS)
    validators.delete(validators.keys().next().value as string);
  return validate;
}

function describe(error: ErrorObject): { path: string; message: string; keyword: string } {
  let message = error.message ?? "is invalid";
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    message = `${message}: "${params.additionalProperty}"`;
  } else if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    message = `${message}: ${JSON.stringify(params.allowedValues)}`;
  }
  return { path: error.instancePath, message, keyword: error.keyword };
}

function compileErrorMessage(schema: JsonSchemaConfig["schema"]): string | null {
  try {
    compileSchema(schema);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The output is JSON that validates against a JSON Schema (draft 2020-12). */
export const jsonSchemaScorer: Scorer<JsonSchemaConfig> & ConfigChecker<JsonSchemaConfig> = {
  type: "json_schema",
  configSchema,
  checkConfig(config) {
    const message = compileErrorMessage(config.schema);
    return message ? [{ field: "config.schema", message }] : [];
  },
  async score(config, ctx) {
    let validate: ValidateFunction;
    try {
      validate = compileSchema(config.schema);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return errorVerdict("invalid_schema", `The JSON Schema does not compile: ${message}.`);
    }
    const parsed = outputAsJson(ctx.output);
    if (!parsed.ok) {
      const errors = [{ path: "", message: "output is not valid JSON", keyword: "parse" }];
      return {
        score: 0,
        reason: "Output is not valid JSON.",
        scorerOutput: { valid: false, errors },
      };
    }
    if (validate(parsed.value)) {
      return {
        score: 1,
        reason: "Output matches the schema.",
        scorerOutput: { valid: true, parsed_output: parsed.value },
      };
    }
    const all = (validate.errors ?? []).map(describe);
    const errors = all.slice(0, MAX_REPORTED_ERRORS);
    const first = errors[0];
    const where = first ? `${first.path || "(root)"} ${first.message}` : "validation failed";
    const more = all.length > 1 ? ` (and ${plural(all.length - 1, "more error")})` : "";
    return {
      score: 0,
      reason: `Output does not match the schema: ${where}${more}.`,
      scorerOutput: { valid: false, errors },
    };
  },
};
