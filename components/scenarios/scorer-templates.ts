/** A starting config per scorer type, as docs/api.md documents it. */
export const SCORER_TEMPLATES: Record<string, Record<string, unknown>> = {
  contains: { values: ["expected phrase"], mode: "all", case_sensitive: false },
  exact_match: { case_sensitive: true, trim: true },
  regex: { pattern: "\\d+ days", should_match: true },
  json_schema: {
    schema: { type: "object", required: ["status"], properties: { status: { type: "string" } } },
  },
  json_path: { path: "$.status", equals: "shipped" },
  similarity: { method: "token_f1" },
  llm_judge: {
    criteria: ["The answer is polite", "The answer is correct"],
    provider: {
      base_url: "https://api.openai.com/v1",
      model: "gpt-4o-mini",
      api_key_secret: "OPENAI_API_KEY",
    },
  },
  tool_call: { name: "lookup_order", arguments: { order_id: "1042" } },
  latency: { max_ms: 2000 },
  javascript: {
    source:
      "export default function (output) {\n  return { score: output.length < 400 ? 1 : 0, reason: `${output.length} chars` };\n}",
  },
};

export const SCORER_TYPES = Object.keys(SCORER_TEMPLATES);

export const SCORER_HELP: Record<string, string> = {
  contains: "Output contains all / any / none of the values.",
  exact_match: "Output equals the expected text (defaults to the scenario's expected output).",
  regex: "Output matches (or must not match) a linear-time regular expression.",
  json_schema: "Output parses as JSON and validates against a JSON Schema (2020-12).",
  json_path: "The value at a JSONPath equals or contains something.",
  similarity: "Edit-distance or token-F1 similarity to the expected text, against the threshold.",
  llm_judge: "An LLM rules on each criterion; needs a provider and a key secret.",
  tool_call: "The agent called the expected tool with matching arguments.",
  latency: "The call finished within max_ms.",
  javascript: "Your sandboxed function returns {score, reason}.",
};
