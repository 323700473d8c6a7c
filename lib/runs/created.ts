import { JSON_CONTENT_TYPE } from "@/lib/http/json";
import type { SuiteRunJson } from "./json";

/** One run to create: a scenario on a target, the n-th repeat. */
export type Cell = { scenarioId: string; targetId: string; repeatIndex: number };

/** A suite run just written, with its children's ids in the order of `cells`. */
export type CreatedSuiteRun = { suiteRun: SuiteRunJson; runIds: string[]; cells: Cell[] };

export type CreatedItem = {
  run_id: string;
  scenario_id: string;
  target: { type: "target"; id: string };
  repeat_index: number;
};

export function createdItems({ runIds, cells }: CreatedSuiteRun): CreatedItem[] {
  return cells.map((c, i) => ({
    run_id: runIds[i],
    scenario_id: c.scenarioId,
    target: { type: "target", id: c.targetId },
    repeat_index: c.repeatIndex,
  }));
}

const ITEMS_PER_PIECE = 10_000;

/**
 * 201 with the suite run, its `items` (one per child run, unless `items: false`) and `extra` fields.
 * The body is streamed in pieces of a few thousand items: 150,000 items are ~26 MB of JSON that would
 * otherwise be built as 150,000 objects and one string before the first byte leaves.
 */
export function createdSuiteRunResponse(
  created: CreatedSuiteRun,
  { items = true, extra = {} }: { items?: boolean; extra?: Record<string, unknown> } = {},
): Response {
  const encoder = new TextEncoder();
  const pieces = bodyPieces(created, items, extra);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, { status: 201, headers: { "content-type": JSON_CONTENT_TYPE } });
}

function* bodyPieces(
  { suiteRun, runIds, cells }: CreatedSuiteRun,
  items: boolean,
  extra: Record<string, unknown>,
): Generator<string> {
  const head = JSON.stringify(suiteRun);
  yield head.slice(0, -1); // the suite run's fields, without the closing brace
  if (items) {
    yield ',"items":[';
    for (let start = 0; start < cells.length; start += ITEMS_PER_PIECE) {
      const end = Math.min(start + ITEMS_PER_PIECE, cells.length);
      const piece: string[] = [];
      for (let i = start; i < end; i++) {
        const c = cells[i];
        piece.push(
          `{"run_id":${JSON.stringify(runIds[i])},"scenario_id":${JSON.stringify(c.scenarioId)},` +
            `"target":{"type":"target","id":${JSON.stringify(c.targetId)}},"repeat_index":${c.repeatIndex}}`,
        );
      }
      yield (start === 0 ? "" : ",") + piece.join(",");
    }
    yield "]";
  }
  for (const [key, value] of Object.entries(extra))
    yield `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  yield "}";
}
