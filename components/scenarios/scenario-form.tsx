"use client";

import { useEffect, useState } from "react";
import { useSaveScenario } from "@/lib/client/hooks/scenarios";
import { isProblem } from "@/lib/client/fetch";
import type { Scenario, ScorerSpec } from "@/lib/client/types";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Field, Textarea, TextField } from "@/components/ui/input";
import { JsonField } from "@/components/ui/json-field";
import { Segmented } from "@/components/ui/layout";
import { ErrorState } from "@/components/ui/states";
import { IconPlus, IconTrash } from "@/components/ui/icons";
import { ScorerEditor } from "./scorer-editor";
import { SCORER_TEMPLATES } from "./scorer-templates";

type Mode = "text" | "json";
type ExpectedMode = "none" | Mode;

const NEW_SCORER: ScorerSpec = {
  type: "contains",
  config: SCORER_TEMPLATES.contains,
  threshold: 1,
};

/** Create or edit a scenario: input (text or JSON), optional scripted turns, expected output, scorers. */
export function ScenarioFormDialog({
  open,
  onClose,
  scenario,
}: {
  open: boolean;
  onClose: () => void;
  scenario?: Scenario | null;
}) {
  const save = useSaveScenario(scenario?.id);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [tags, setTags] = useState("");
  const [inputMode, setInputMode] = useState<Mode>("text");
  const [inputText, setInputText] = useState("");
  const [inputJson, setInputJson] = useState<unknown>({});
  const [useTurns, setUseTurns] = useState(false);
  const [turns, setTurns] = useState<string[]>([""]);
  const [expectedMode, setExpectedMode] = useState<ExpectedMode>("none");
  const [expectedText, setExpectedText] = useState("");
  const [expectedJson, setExpectedJson] = useState<unknown>({});
  const [scorers, setScorers] = useState<ScorerSpec[]>([NEW_SCORER]);
  const [jsonErrors, setJsonErrors] = useState<Record<string, string | null>>({});

  useEffect(() => {
    if (!open) return;
    const s = scenario;
    setName(s?.name ?? "");
    setDescription(s?.description ?? "");
    setTags(s?.tags.join(", ") ?? "");
    const textInput = !s || typeof s.input === "string";
    setInputMode(textInput ? "text" : "json");
    setInputText(typeof s?.input === "string" ? s.input : "");
    setInputJson(textInput ? {} : s?.input);
    setUseTurns(!!s?.turns?.length);
    setTurns(s?.turns?.length ? s.turns : [""]);
    const exp = s?.expected_output;
    setExpectedMode(
      exp === null || exp === undefined ? "none" : typeof exp === "string" ? "text" : "json",
    );
    setExpectedText(typeof exp === "string" ? exp : "");
    setExpectedJson(exp !== null && typeof exp === "object" ? exp : {});
    setScorers(s?.scorers.length ? s.scorers : [NEW_SCORER]);
    setJsonErrors({});
    save.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset on open
  }, [open, scenario?.id]);

  const problem = isProblem(save.error) ? save.error : null;
  const blocked = Object.values(jsonErrors).some(Boolean);
  const input = useTurns ? (turns[0] ?? "") : inputMode === "text" ? inputText : inputJson;

  const submit = () => {
    if (blocked) return;
    save.mutate(
      {
        name: name.trim(),
        description: description.trim() || null,
        tags: tags
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
        input,
        turns: useTurns ? turns.filter((t) => t.trim()) : null,
        ...(expectedMode === "none"
          ? scenario
            ? { expected_output: null }
            : {}
          : { expected_output: expectedMode === "text" ? expectedText : expectedJson }),
        scorers: scorers.map((s) => ({ ...s, name: s.name?.trim() || undefined })),
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      side
      title={scenario ? `Edit “${scenario.name}”` : "New scenario"}
      description="A test case: what to send, what good looks like, and how to score it."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="primary"
            type="submit"
            form="scenario-form"
            loading={save.isPending}
            disabled={blocked}
          >
            {scenario ? "Save changes" : "Create scenario"}
          </Button>
        </>
      }
    >
      <form
        id="scenario-form"
        className="space-y-5"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            error={problem?.fieldMessage("name")}
            value={name}
            onValueChange={setName}
            required
            autoFocus
          />
          <TextField
            label="Tags"
            hint="Comma separated"
            error={problem?.fieldMessage("tags")}
            value={tags}
            onValueChange={setTags}
            placeholder="smoke, billing"
          />
        </div>
        <Field label="Description">
          {(p) => (
            <Textarea
              {...p}
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>

        <div className="space-y-2">
          <div className="flex items-center justify-between">
            <span className="text-[13px] font-medium text-zinc-700 dark:text-zinc-300">Input</span>
            <Checkbox
              label="Multi-turn (scripted user messages)"
              checked={useTurns}
              onChange={(e) => setUseTurns(e.target.checked)}
            />
          </div>
          {useTurns ? (
            <ol className="space-y-2">
              {turns.map((t, i) => (
                <li key={i} className="flex items-start gap-2">
                  <span className="mt-2 w-14 shrink-0 text-xs text-zinc-500 tabular">
                    Turn {i + 1}
                  </span>
                  <Textarea
                    aria-label={`Turn ${i + 1}`}
                    rows={2}
                    value={t}
                    onChange={(e) => setTurns(turns.map((x, j) => (j === i ? e.target.value : x)))}
                    className="min-h-0"
                  />
                  {turns.length > 1 ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Remove turn ${i + 1}`}
                      onClick={() => setTurns(turns.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={14} />
                    </Button>
                  ) : null}
                </li>
              ))}
              <Button
                size="xs"
                variant="ghost"
                icon={<IconPlus size={12} />}
                onClick={() => setTurns([...turns, ""])}
              >
                Add turn
              </Button>
            </ol>
          ) : (
            <>
              <Segmented<Mode>
                label="Input format"
                size="xs"
                value={inputMode}
                onChange={setInputMode}
                options={[
                  { value: "text", label: "Text" },
                  { value: "json", label: "JSON" },
                ]}
              />
              {inputMode === "text" ? (
                <Textarea
                  aria-label="Input"
                  rows={3}
                  value={inputText}
                  onChange={(e) => setInputText(e.target.value)}
                  placeholder="What the user says"
                  aria-invalid={problem?.fieldMessage("input") ? true : undefined}
                />
              ) : (
                <JsonField
                  value={inputJson}
                  onChange={setInputJson}
                  onValidity={(e) => setJsonErrors((x) => ({ ...x, input: e }))}
                  rows={4}
                />
              )}
            </>
          )}
          {problem?.fieldMessage("input") ? (
            <p className="text-xs text-red-600">{problem.fieldMessage("input")}</p>
          ) : null}
        </div>

        <div className="space-y-2">
          <span className="block text-[13px] font-medium text-zinc-700 dark:text-zinc-300">
            Expected output
          </span>
          <Segmented<ExpectedMode>
            label="Expected output format"
            size="xs"
            value={expectedMode}
            onChange={setExpectedMode}
            options={[
              { value: "none", label: "None" },
              { value: "text", label: "Text" },
              { value: "json", label: "JSON" },
            ]}
          />
          {expectedMode === "text" ? (
            <Textarea
              aria-label="Expected output"
              rows={3}
              value={expectedText}
              onChange={(e) => setExpectedText(e.target.value)}
            />
          ) : null}
          {expectedMode === "json" ? (
            <JsonField
              value={expectedJson}
              onChange={setExpectedJson}
              onValidity={(e) => setJsonErrors((x) => ({ ...x, expected: e }))}
              rows={4}
            />
          ) : null}
        </div>

        {scenario?.simulation ? (
          <p className="rounded-md bg-zinc-100 px-3 py-2 text-[12.5px] text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
            This scenario runs a simulated user (persona and mission). That part is kept as is; edit
            it through the API.
          </p>
        ) : null}

        <div className="space-y-3">
          <div className="flex items-center justify-between">
            <span className="text-[13px] font-medium text-zinc-700 dark:text-zinc-300">
              Scorers · a run passes only if every scorer passes
            </span>
            <Button
              size="xs"
              icon={<IconPlus size={12} />}
              onClick={() => setScorers([...scorers, NEW_SCORER])}
            >
              Add scorer
            </Button>
          </div>
          {scorers.map((s, i) => (
            <ScorerEditor
              key={i}
              index={i}
              scorer={s}
              multiTurn={useTurns}
              onChange={(next) => setScorers(scorers.map((x, j) => (j === i ? next : x)))}
              onRemove={
                scorers.length > 1 ? () => setScorers(scorers.filter((_, j) => j !== i)) : undefined
              }
              onValidity={(e) => setJsonErrors((x) => ({ ...x, [`scorer${i}`]: e }))}
              error={problem?.fieldMessage(`scorers.${i}`)}
            />
          ))}
        </div>
        {problem && problem.errors.length === 0 ? (
          <ErrorState error={problem} title="Not saved" />
        ) : null}
        {problem && problem.errors.length > 0 ? (
          <ErrorState
            error={{ detail: problem.errors.map((e) => `${e.field}: ${e.message}`).join(" · ") }}
            title="Please fix these fields"
          />
        ) : null}
      </form>
    </Dialog>
  );
}
