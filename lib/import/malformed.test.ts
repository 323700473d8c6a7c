import { beforeAll, describe, expect, it } from "vitest";
import { createTestProject, type TestProject } from "@/lib/test/fixtures";
import { counts, upload } from "./testing";

let p: TestProject;
beforeAll(async () => {
  p = await createTestProject("import-bad");
});

/** Every rejected file: a problem+json naming row, line and field, and no row written anywhere. */
async function rejected(
  file: string | Uint8Array,
  opts: Parameters<typeof upload>[2],
  status: number,
) {
  const before = await counts(p.id);
  const res = await upload(p.keys.run, file, opts);
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body.traceId).toEqual(expect.any(String));
  const after = await counts(p.id);
  expect(after).toEqual(before);
  return res.body;
}

const csv = { contentType: "text/csv" };

describe("malformed files", () => {
  it("bad quoting: a stray quote names its row, line and column; an unterminated quote its line", async () => {
    const stray = await rejected(
      'name,input,contains\nfine,x,x\nbroken,5" screen,x\n"ok",y,y\n',
      csv,
      422,
    );
    expect(stray.errors).toEqual([
      {
        row: 2,
        line: 3,
        field: "input",
        code: "bad_quoting",
        message: expect.stringMatching(/must be enclosed in double quotes/),
      },
    ]);
    const after = await rejected('name,input,contains\n"a"b,x,x\n', csv, 422);
    expect(after.errors[0]).toMatchObject({ row: 1, line: 2, field: "name", code: "bad_quoting" });
    const open = await rejected(
      'name,input,contains\nfine,x,x\nopen,"never closed,x\nmore,y,y\n',
      csv,
      422,
    );
    expect(open.errors).toEqual([
      expect.objectContaining({ row: 2, line: 3, code: "bad_quoting" }),
    ]);
    expect(open.detail).toMatch(/Unterminated quoted field in column 2 starting on line 3/);
  });

  it("wrong encoding: Latin-1 bytes name the row, line, column and field", async () => {
    const bytes = Buffer.from("name,input,contains\nok,fine,x\ncafé,crème brûlée,x\n", "latin1");
    const body = await rejected(new Uint8Array(bytes), csv, 422);
    expect(body.errors).toEqual([
      {
        row: 2,
        line: 3,
        field: "name",
        code: "invalid_encoding",
        message: expect.stringMatching(
          /^Row 2 \(line 3\) is not valid UTF-8: byte 0xE9 at column 4 in name/,
        ),
      },
    ]);
    const jsonl = Buffer.from('{"name":"a","input":"x"}\n{"name":"\xe9","input":"y"}\n', "latin1");
    const line = await rejected(
      new Uint8Array(jsonl),
      { contentType: "application/x-ndjson" },
      422,
    );
    expect(line.errors[0]).toMatchObject({ row: 2, line: 2, code: "invalid_encoding" });
    const utf16 = await rejected(
      new Uint8Array(Buffer.from("\ufeffname,input\n", "utf16le")),
      csv,
      422,
    );
    expect(utf16.detail).toMatch(/UTF-16/);
  });

  it("a 2 MB cell names its row and column; a 2 MB JSONL field its row and field", async () => {
    const big = "x".repeat(2 * 1024 * 1024);
    const body = await rejected(`name,input,contains\nok,a,a\nhuge,${big},a\n`, csv, 422);
    expect(body.errors).toEqual([
      {
        row: 2,
        line: 3,
        field: "input",
        code: "too_big",
        message: "is 2.0 MB; a cell may hold at most 1 MB",
      },
    ]);
    const line = JSON.stringify({
      name: "huge",
      input: { text: big },
      scorers: [{ type: "contains", config: { values: ["a"] } }],
    });
    const jsonl = await rejected(line, { contentType: "application/x-ndjson" }, 422);
    expect(jsonl.errors[0]).toMatchObject({ row: 1, line: 1, field: "input", code: "too_big" });
  });

  it("100,000 rows are over the 50,000-row limit: 413 before anything is validated", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `case ${i},input ${i},x`);
    const body = await rejected(`name,input,contains\n${rows.join("\n")}\n`, csv, 413);
    expect(body).toMatchObject({ code: "payload_too_large" });
    expect(body.detail).toMatch(/more than 50,000 rows/);
    const jsonl = Array.from({ length: 50_001 }, () => "{}").join("\n");
    await rejected(jsonl, { contentType: "application/x-ndjson" }, 413);
  });

  it("files over 50 MB are refused with 413", async () => {
    const body = await rejected(new Uint8Array(50 * 1024 * 1024 + 1), csv, 413);
    expect(body.detail).toMatch(/limited to 50 MB/);
  });

  it("duplicate names: the later rows are the errors; ?partial=true keeps the first ones", async () => {
    const file =
      "name,input,contains\nGreeting,a,a\nRefund,b,b\n greeting ,c,c\nGreeting,d,d\nRefund,e,e\n";
    const body = await rejected(file, csv, 422);
    expect(body.errors).toEqual([
      expect.objectContaining({
        row: 4,
        line: 5,
        field: "name",
        code: "duplicate",
        message: '"Greeting" is also the name of row 1',
      }),
      expect.objectContaining({
        row: 5,
        line: 6,
        field: "name",
        code: "duplicate",
        message: '"Refund" is also the name of row 2',
      }),
    ]);
    const before = await counts(p.id);
    const partial = await upload(p.keys.run, file, { ...csv, query: { partial: "true" } });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ created: 3, error_count: 2 });
    expect((await counts(p.id)).scenarios).toBe(before.scenarios + 3);
  });

  it("lists the first 1,000 errors and counts them all", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `bad ${i},x,`);
    const body = await rejected(`name,input,contains\n${rows.join("\n")}\n`, csv, 422);
    expect(body.errors).toHaveLength(1000);
    expect(body.detail).toMatch(/1,500 of 1,500 rows have errors; nothing was imported/);
    expect(body.detail).toMatch(/the first 1,000 of 1,500 errors are listed/);
  });

  it("empty files, blank-only files and unparsable JSON are 422 with the line", async () => {
    await rejected("", csv, 422);
    await rejected("\n\n  \n", csv, 422);
    const header = await rejected("name,input,contains\n\n", csv, 422);
    expect(header.detail).toMatch(/no scenarios/);
    const json = await rejected(
      '{"format": "evalbench-workload/v1",\n "cases": [\n  {"name": }\n]}',
      { contentType: "application/json" },
      422,
    );
    expect(json.errors[0]).toMatchObject({ row: 0, code: "invalid_json" });
    const bad = await rejected(
      "{}",
      { contentType: "application/json", query: { format: "workload" } },
      422,
    );
    expect(bad.errors[0].field).toBe("format");
  });
});
