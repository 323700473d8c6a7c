import { beforeAll, describe, expect, it } from "vitest";
import * as scenariosRoute from "@/app/api/v1/scenarios/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";

let p: TestProject;
beforeAll(async () => {
  p = await createTestProject("scn-sim");
});

const simulation = {
  persona: "An impatient customer whose parcel is late",
  mission: "Get a refund or a firm delivery date",
  max_turns: 6,
  simulator: { base_url: "http://127.0.0.1:9/v1", model: "sim-1", api_key_secret: "SIM_KEY" },
  judge_criteria: ["The agent offered a refund or a date"],
};

describe("scenarios judged by a simulation", () => {
  it("need no scorer of their own; other scenarios need at least one", async () => {
    const ok = await call(scenariosRoute.POST, "POST", {
      key: p.keys.run,
      body: { name: "late parcel", input: null, simulation },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.scorers).toEqual([]);
    const none = await call(scenariosRoute.POST, "POST", {
      key: p.keys.run,
      body: { name: "nothing", input: "hi", scorers: [] },
    });
    expect(none.status).toBe(422);
    expect(none.body.errors.map((e: { field: string }) => e.field)).toEqual(["scorers"]);
  });

  it("reject a stop_when that is not a valid RE2 pattern when written, not at run time", async () => {
    const bad = await call(scenariosRoute.POST, "POST", {
      key: p.keys.run,
      body: {
        name: "bad stop",
        input: null,
        simulation: { ...simulation, stop_when: "(?<=lookbehind)x" },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain(
      "simulation.stop_when",
    );
  });
});
