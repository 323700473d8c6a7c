import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvLine, joinList, parseCsv, sniffDelimiter, splitList, CsvSyntaxError } from "./csv";
import { decodeUtf8, firstInvalidUtf8 } from "./decode";

const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe("CSV reader (RFC 4180)", () => {
  it("reads quoted fields, doubled quotes, embedded CRLF and LF, and empty fields", () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""",\r\n"multi\r\nline\nfield",2,"3"\r\n';
    expect(fields(text)).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', ""],
      ["multi\r\nline\nfield", "2", "3"],
    ]);
  });

  it("records the physical line each record starts on", () => {
    const { records } = parseCsv('h1,h2\n"one\ntwo\nthree",x\nnext,y\n\nlast,z');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6, 7]);
  });

  it("marks a quote inside an unquoted field and text after a closing quote, and keeps going", () => {
    const { records } = parseCsv('a,b\nab"c,d\n"x"y,z\nok,fine');
    expect(records[1].problem).toMatchObject({ column: 0, message: expect.stringMatching(/quot/) });
    expect(records[2].problem).toMatchObject({ column: 0 });
    expect(records[3]).toEqual({ fields: ["ok", "fine"], line: 4 });
  });

  it("throws on an unterminated quote, naming the line where the field started", () => {
    let error: unknown;
    try {
      parseCsv('name,input\nfine,row\nbroken,"never closed\nmore\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toMatchObject({ line: 3, recordIndex: 2 });
  });

  it("stops after maxRecords non-blank records", () => {
    const text = "h\n1\n\n2\n3\n4\n";
    expect(parseCsv(text, { maxRecords: 3 }).truncated).toBe(true);
    expect(parseCsv(text, { maxRecords: 5 }).truncated).toBe(false);
  });

  it("takes ; or tab as the delimiter when the header has no comma", () => {
    expect(sniffDelimiter("name;input;contains\n")).toBe(";");
    expect(sniffDelimiter("name\tinput\n")).toBe("\t");
    expect(sniffDelimiter("name,input;x\n")).toBe(",");
    expect(parseCsv("a;b\n1;2", { delimiter: ";" }).records[1].fields).toEqual(["1", "2"]);
  });

  it("writes what it reads, for any text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { minLength: 1 }),
        (rows) => {
          const width = rows[0].length;
          const table = rows.map((r) => [...r, ...Array(width).fill("")].slice(0, width));
          const text = table.map(csvLine).join("\r\n");
          expect(parseCsv(text).records.map((r) => r.fields)).toEqual(table);
        },
      ),
    );
  });
});

describe("| lists", () => {
  it("splits, trims, drops empties, and honours \\| and \\\\", () => {
    expect(splitList(" refund | policy ||")).toEqual(["refund", "policy"]);
    expect(splitList("a\\|b|c\\\\|C:\\path")).toEqual(["a|b", "c\\", "C:\\path"]);
  });

  it("joins so that splitting gives the values back", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== ""),
          { minLength: 1 },
        ),
        (values) => {
          expect(splitList(joinList(values))).toEqual(values);
        },
      ),
    );
  });
});

describe("UTF-8", () => {
  const bytes = (...b: number[]) => new Uint8Array(b);

  it("finds the first byte that is not UTF-8", () => {
    expect(firstInvalidUtf8(new TextEncoder().encode("héllo ✓ 😀"))).toBe(-1);
    expect(firstInvalidUtf8(bytes(0x61, 0xe9, 0x62))).toBe(1); // Latin-1 é
    expect(firstInvalidUtf8(bytes(0xc0, 0x80))).toBe(0); // overlong
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0); // surrogate
    expect(firstInvalidUtf8(bytes(0x61, 0xe2, 0x9c))).toBe(1); // cut short
  });

  it("strips a byte-order mark and reports where a bad byte sits", () => {
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ text: "a" });
    const latin1 = Uint8Array.from(Buffer.from("name\nab caf\xe9", "latin1"));
    expect(decodeUtf8(latin1)).toEqual({
      problem: { offset: 11, byte: 0xe9, line: 2, column: 7 },
    });
  });

  it("refuses UTF-16 with a clear message", () => {
    expect(() => decodeUtf8(bytes(0xff, 0xfe, 0x61, 0x00))).toThrow(/UTF-16/);
  });
});
