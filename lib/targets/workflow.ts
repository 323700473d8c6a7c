import { z } from "zod";
import { isId } from "@/lib/ids";
import type { Usage } from "@/lib/scorers/types";
import { Deadline } from "./deadline";
import { textOf } from "./template";
import {
  TargetError,
  type TargetAdapter,
  type TargetCall,
  type TargetDefinition,
  type TargetResponse,
} from "./types";

export const MAX_WORKFLOW_STEPS = 20;
export const MAX_WORKFLOW_DEPTH = 5;

export const workflowConfigSchema = z
  .object({
    steps: z
      .array(z.string().refine((id) => isId("target", id), "not a target id"))
      .min(1)
      .max(MAX_WORKFLOW_STEPS),
  })
  .strict();

export type WorkflowTargetConfig = z.infer<typeof workflowConfigSchema>;

// The ids of the workflows a step call runs inside, carried on the call without widening TargetCall.
const WORKFLOW_STACK = Symbol("assay.workflowStack");
type WorkflowCall = TargetCall & { [WORKFLOW_STACK]?: readonly string[] };

function addUsage(total: Usage | undefined, step: Usage | undefined): Usage | undefined {
  if (!step) return total;
  if (!total) return { ...step };
  const costUsd =
    total.costUsd === undefined && step.costUsd === undefined
      ? undefined
      : Math.round(((total.costUsd ?? 0) + (step.costUsd ?? 0)) * 1e10) / 1e10;
  return {
    promptTokens: total.promptTokens + step.promptTokens,
    completionTokens: total.completionTokens + step.completionTokens,
    ...(costUsd !== undefined ? { costUsd } : {}),
  };
}

async function resolveSteps(ids: readonly string[], call: TargetCall): Promise<TargetDefinition[]> {
  const resolveTarget = call.resolveTarget;
  if (!resolveTarget) throw new TargetError("config_error", "workflow steps cannot be loaded here");
  const steps = await Promise.all(ids.map((id) => resolveTarget(id)));
  return steps.map((step, i) => {
    if (!step) throw new TargetError("config_error", `step ${i + 1} (${ids[i]}) does not exist`);
    return step;
  });
}

/** Runs each step in order; a step's output is the next step's input; the last output wins. */
export const workflowAdapter: TargetAdapter<WorkflowTargetConfig> = {
  type: "workflow",
  configSchema: workflowConfigSchema,
  async call(target: TargetDefinition<WorkflowTargetConfig>, call: TargetCall) {
    const stack = (call as WorkflowCall)[WORKFLOW_STACK] ?? [];
    if (stack.includes(target.id)) {
      throw new TargetError("config_error", `workflow "${target.name}" contains itself`);
    }
    if (stack.length >= MAX_WORKFLOW_DEPTH) {
      throw new TargetError(
        "config_error",
        `workflows are nested more than ${MAX_WORKFLOW_DEPTH} deep (at "${target.name}")`,
      );
    }
    const steps = await resolveSteps(target.config.steps, call);
    const { callTarget } = await import("./index"); // lazy: index imports this module

    // The workflow's own timeout bounds all of its steps together.
    if (call.signal.aborted) throw call.signal.reason;
    const deadline = new Deadline(call.signal, target.timeoutMs);
    const controller = new AbortController();
    deadline.once("abort", () => controller.abort(deadline.reason));

    const innerStack = [...stack, target.id];
    let input = call.input;
    let messages = call.messages;
    let latencyMs = 0;
    let usage: Usage | undefined;
    let last: TargetResponse | undefined;
    try {
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        const stepCall: WorkflowCall = {
          input,
          messages,
          secrets: call.secrets,
          signal: controller.signal,
          resolveTarget: call.resolveTarget,
          [WORKFLOW_STACK]: innerStack,
        };
        try {
          last = await callTarget(step, stepCall);
        } catch (err) {
          if (deadline.timedOut) {
            throw new TargetError(
              "timeout",
              `workflow did not finish within ${target.timeoutMs} ms (at step ${i + 1} "${step.name}")`,
              { transient: true },
            );
          }
          if (call.signal.aborted) throw call.signal.reason;
          if (!(err instanceof TargetError)) throw err;
          throw new TargetError(err.code, `step ${i + 1} "${step.name}": ${err.message}`, err.opts);
        }
        latencyMs += last.latencyMs;
        usage = addUsage(usage, last.usage);
        input = last.output;
        messages = [{ role: "user", content: textOf(last.output) }];
      }
    } finally {
      deadline.release();
    }
    return {
      output: last?.output,
      latencyMs,
      ...(usage ? { usage } : {}),
      ...(last?.toolCalls ? { toolCalls: last.toolCalls } : {}),
    };
  },
};
