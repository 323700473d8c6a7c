"use client";

import type { Target, TargetType } from "@/lib/client/types";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { JsonField } from "@/components/ui/json-field";
import { HeadersEditor } from "./headers-editor";
import { WorkflowSteps } from "./workflow-steps";

export type Config = Record<string, unknown>;

export const DEFAULT_CONFIG: Record<TargetType, Config> = {
  http: {
    url: "https://",
    method: "POST",
    headers: {},
    body_template: { input: "{{input}}", messages: "{{messages}}" },
    output_path: "$.output",
  },
  prompt: {
    base_url: "https://api.openai.com/v1",
    model: "gpt-4o-mini",
    system_prompt: "",
    user_template: "{{input}}",
    temperature: 0,
    api_key_secret: "OPENAI_API_KEY",
  },
  code: {
    source: "export default async function (input, ctx) {\n  return `You said: ${input}`;\n}",
    memory_mb: 64,
  },
  workflow: { steps: [] },
};

const str = (v: unknown) =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
const num = (v: string) => (v === "" ? undefined : Number(v));

/** The config fields of one target type. */
export function TypeFields({
  type,
  config,
  onChange,
  onValidity,
  others,
  secretNames,
}: {
  type: TargetType;
  config: Config;
  onChange: (next: Config) => void;
  onValidity: (key: string, error: string | null) => void;
  others: Target[];
  secretNames: string[];
}) {
  const set = (patch: Config) => onChange({ ...config, ...patch });
  if (type === "http") {
    return (
      <div className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-[7rem_1fr]">
          <Field label="Method">
            {(p) => (
              <Select
                {...p}
                value={str(config.method) || "POST"}
                onChange={(e) => set({ method: e.target.value })}
              >
                {["POST", "GET", "PUT", "PATCH"].map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="URL">
            {(p) => (
              <Input
                {...p}
                value={str(config.url)}
                onChange={(e) => set({ url: e.target.value })}
                className="font-mono"
                placeholder="https://agent.example.com/chat"
              />
            )}
          </Field>
        </div>
        <HeadersEditor
          value={(config.headers as Record<string, string>) ?? {}}
          onChange={(headers) => set({ headers })}
        />
        <Field
          label="Body template (JSON)"
          hint="{{input}}, {{input.field}}, {{messages}} and {{secrets.NAME}} are substituted; a string that is exactly one placeholder becomes the raw JSON value."
        >
          {(p) => (
            <JsonField
              {...p}
              rows={4}
              value={config.body_template ?? DEFAULT_CONFIG.http.body_template}
              onChange={(body_template) => set({ body_template })}
              onValidity={(e) => onValidity("body_template", e)}
            />
          )}
        </Field>
        <Field
          label="Output path"
          hint="Where the answer is in the JSON response (JSONPath subset)."
        >
          {(p) => (
            <Input
              {...p}
              value={str(config.output_path)}
              onChange={(e) => set({ output_path: e.target.value })}
              className="w-64 font-mono"
              placeholder="$.output"
            />
          )}
        </Field>
      </div>
    );
  }
  if (type === "prompt") {
    return (
      <div className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Base URL" hint="Any OpenAI-compatible chat-completions endpoint">
            {(p) => (
              <Input
                {...p}
                value={str(config.base_url)}
                onChange={(e) => set({ base_url: e.target.value })}
                className="font-mono"
              />
            )}
          </Field>
          <Field label="Model">
            {(p) => (
              <Input
                {...p}
                value={str(config.model)}
                onChange={(e) => set({ model: e.target.value })}
                className="font-mono"
              />
            )}
          </Field>
        </div>
        <Field label="System prompt">
          {(p) => (
            <Textarea
              {...p}
              rows={3}
              value={str(config.system_prompt)}
              onChange={(e) => set({ system_prompt: e.target.value })}
            />
          )}
        </Field>
        <Field label="User template">
          {(p) => (
            <Textarea
              {...p}
              mono
              rows={2}
              value={str(config.user_template)}
              onChange={(e) => set({ user_template: e.target.value })}
            />
          )}
        </Field>
        <div className="grid gap-3 sm:grid-cols-4">
          <Field label="Temperature">
            {(p) => (
              <Input
                {...p}
                type="number"
                step={0.1}
                min={0}
                max={2}
                value={str(config.temperature)}
                onChange={(e) => set({ temperature: num(e.target.value) })}
              />
            )}
          </Field>
          <Field
            label="API key secret"
            hint={secretNames.length ? undefined : "Add one in Settings → Secrets"}
          >
            {(p) => (
              <Input
                {...p}
                list="secret-names"
                value={str(config.api_key_secret)}
                onChange={(e) => set({ api_key_secret: e.target.value || undefined })}
                className="font-mono"
              />
            )}
          </Field>
          <Field label="$ / 1k input">
            {(p) => (
              <Input
                {...p}
                type="number"
                step="0.0001"
                min={0}
                value={str(config.input_cost_per_1k)}
                onChange={(e) => set({ input_cost_per_1k: num(e.target.value) })}
              />
            )}
          </Field>
          <Field label="$ / 1k output">
            {(p) => (
              <Input
                {...p}
                type="number"
                step="0.0001"
                min={0}
                value={str(config.output_cost_per_1k)}
                onChange={(e) => set({ output_cost_per_1k: num(e.target.value) })}
              />
            )}
          </Field>
        </div>
        <datalist id="secret-names">
          {secretNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </div>
    );
  }
  if (type === "code") {
    return (
      <div className="space-y-4">
        <Field label="Source" hint="Runs in a sandbox with no network, files or environment.">
          {(p) => (
            <Textarea
              {...p}
              mono
              rows={10}
              value={str(config.source)}
              onChange={(e) => set({ source: e.target.value })}
            />
          )}
        </Field>
        <Field label="Memory limit (MB)">
          {(p) => (
            <Input
              {...p}
              type="number"
              min={8}
              value={str(config.memory_mb)}
              onChange={(e) => set({ memory_mb: num(e.target.value) })}
              className="w-32"
            />
          )}
        </Field>
      </div>
    );
  }
  return (
    <WorkflowSteps
      steps={Array.isArray(config.steps) ? (config.steps as string[]) : []}
      onChange={(steps) => set({ steps })}
      others={others}
    />
  );
}
