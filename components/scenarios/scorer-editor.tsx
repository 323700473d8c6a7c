"use client";

import type { ScorerSpec } from "@/lib/client/types";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { JsonField } from "@/components/ui/json-field";
import { IconTrash } from "@/components/ui/icons";
import { SCORER_HELP, SCORER_TEMPLATES, SCORER_TYPES } from "./scorer-templates";

/** One scorer: type (which seeds a config template), name, threshold, scope, and its config as JSON. */
export function ScorerEditor({
  scorer,
  index,
  multiTurn,
  onChange,
  onRemove,
  onValidity,
  error,
}: {
  scorer: ScorerSpec;
  index: number;
  multiTurn: boolean;
  onChange: (next: ScorerSpec) => void;
  onRemove?: () => void;
  onValidity: (error: string | null) => void;
  error?: string;
}) {
  const known = SCORER_TYPES.includes(scorer.type);
  return (
    <fieldset
      className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="scorer-editor"
    >
      <legend className="px-1 text-[12px] font-medium text-zinc-500">Scorer {index + 1}</legend>
      <div className="grid gap-3 sm:grid-cols-[11rem_1fr_6rem_auto]">
        <Field label="Type">
          {(p) => (
            <Select
              {...p}
              value={scorer.type}
              onChange={(e) =>
                onChange({
                  ...scorer,
                  type: e.target.value,
                  config: SCORER_TEMPLATES[e.target.value] ?? {},
                })
              }
            >
              {!known ? <option value={scorer.type}>{scorer.type}</option> : null}
              {SCORER_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Name" hint="Optional; defaults to the type">
          {(p) => (
            <Input
              {...p}
              value={scorer.name ?? ""}
              onChange={(e) => onChange({ ...scorer, name: e.target.value || undefined })}
            />
          )}
        </Field>
        <Field label="Threshold">
          {(p) => (
            <Input
              {...p}
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={scorer.threshold ?? 1}
              onChange={(e) => onChange({ ...scorer, threshold: Number(e.target.value) })}
              className="tabular"
            />
          )}
        </Field>
        <div className="flex items-end">
          {onRemove ? (
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Remove scorer ${index + 1}`}
              onClick={onRemove}
            >
              <IconTrash size={14} />
            </Button>
          ) : null}
        </div>
      </div>
      {multiTurn ? (
        <div className="mt-3">
          <Field label="Applies to">
            {(p) => (
              <Select
                {...p}
                value={scorer.applies_to ?? "final"}
                onChange={(e) =>
                  onChange({ ...scorer, applies_to: e.target.value as "final" | "each_turn" })
                }
                className="w-56"
              >
                <option value="final">The final reply</option>
                <option value="each_turn">Each reply</option>
              </Select>
            )}
          </Field>
        </div>
      ) : null}
      <div className="mt-3">
        <Field label="Config (JSON)" hint={SCORER_HELP[scorer.type]} error={error}>
          {(p) => (
            <JsonField
              {...p}
              value={scorer.config}
              rows={5}
              onChange={(config) =>
                onChange({ ...scorer, config: (config ?? {}) as Record<string, unknown> })
              }
              onValidity={onValidity}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
