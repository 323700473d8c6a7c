import { describe, expect, it } from "vitest";
import { createdItems, createdSuiteRunResponse, type CreatedSuiteRun } from "./created";
import type { SuiteRunJson } from "./json";

const created = (n: number): CreatedSuiteRun => ({
  suiteRun: { id: "srun_1", status: "queued", total_runs: n } as unknown as SuiteRunJson,
  runIds: Array.from({ length: n }, (_, i) => `run_${i}`),
  cells: Array.from({ length: n }, (_, i) => ({
    scenarioId: `scn_${i % 7}`,
    targetId: `tgt_"${i % 3}`, // a quote: values are JSON-escaped, not pasted
    repeatIndex: i % 5,
  })),
});

describe("the 201 answer of a created suite run", () => {
  it("streams every item, in order, as the same JSON a single stringify would give", async () => {
    const run = created(5_001);
    const res = createdSuiteRunResponse(run, { extra: { skipped_archived: { scenarios: ["x"] } } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const text = await res.text();
    expect(text).toBe(
      JSON.stringify({
        ...run.suiteRun,
        items: createdItems(run),
        skipped_archived: { scenarios: ["x"] },
      }),
    );
    expect(JSON.parse(text).items[5_000]).toEqual({
      run_id: "run_5000",
      scenario_id: "scn_2",
      target: { type: "target", id: 'tgt_"2' },
      repeat_index: 0,
    });
  });

  it("leaves the items out when asked, and writes an empty list for zero runs", async () => {
    const body = await createdSuiteRunResponse(created(3), { items: false }).json();
    expect(body).toEqual({ id: "srun_1", status: "queued", total_runs: 3 });
    expect((await createdSuiteRunResponse(created(0)).json()).items).toEqual([]);
  });
});
