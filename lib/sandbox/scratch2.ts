import { getQuickJS } from "quickjs-emscripten";
const Q = await getQuickJS();
const stack = Number(process.argv[2]);
const code = process.argv[3] ?? `let n=0; function f(){ n++; return f() + 1 } ; try { f() } catch (e) { String(e) + " depth " + n }`;
const rt = Q.newRuntime();
rt.setMemoryLimit(32 * 1024 * 1024);
rt.setMaxStackSize(stack);
const ctx = rt.newContext();
const r = ctx.evalCode(code, "x.js", { type: "global" });
if (r.error) { console.log(stack, "ERR", JSON.stringify(ctx.dump(r.error))); r.error.dispose(); }
else { console.log(stack, "OK", JSON.stringify(ctx.dump(r.value))); r.value.dispose(); }
ctx.dispose();
rt.dispose();
console.log("disposed");
