import { runInSandbox } from "./index";
const cases: Record<string, string> = {
  fn: `export default function (a, b) { console.log("hi", {a}, [1,2]); return {sum: a + b} }`,
  asyncFn: `export default async function (a) { await null; return "x" + a }`,
  arrow: `export default async (a) => a * 2`,
  syntax: `export default function ( {`,
  thrown: `export default function () { throw new TypeError("boom") }`,
  thrownNull: `export default function () { throw null }`,
  rejected: `export default async function () { await 1; throw new Error("late") }`,
  loop: `export default function () { while(true){} }`,
  asyncLoop: `export default async function () { for(;;) await null }`,
  bomb: `export default function () { let a=[]; while(true) a.push(new Array(1e6).fill(1)) }`,
  topBomb: `let a=[]; while(true) a.push(new Array(1e6).fill(1)); export default () => 1`,
  strBomb: `export default function () { let s="x"; while(true) s = s + s; }`,
  recursion: `export default function f() { return f() + 1 }`,
  env: `export default function () { return [typeof process, typeof require, typeof fetch, typeof globalThis.std, typeof os, typeof setTimeout, typeof XMLHttpRequest] }`,
  undef: `export default function () {}`,
  cyclic: `export default function () { const a = {}; a.a = a; return a }`,
  bigint: `export default function () { return 1n }`,
  never: `export default function () { return new Promise(() => {}) }`,
  noDefault: `export const x = 1`,
  importX: `import fs from "fs"; export default () => 1`,
  tla: `const v = await Promise.resolve(5); export default () => v`,
  jsonHijack: `JSON.stringify = () => '"fake"'; export default () => 1`,
};
for (const [name, source] of Object.entries(cases)) {
  const r = await runInSandbox({ source, args: [1, 2], timeoutMs: 300, memoryMb: 32 });
  console.log(name, JSON.stringify(r));
}
console.log(process.memoryUsage().rss / 1e6);
for (let i = 0; i < 20; i++) await runInSandbox({ source: cases.bomb, args: [], timeoutMs: 1000, memoryMb: 32 });
console.log(process.memoryUsage().rss / 1e6);
