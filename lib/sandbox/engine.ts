import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  RELEASE_SYNC,
  type QuickJSWASMModule,
} from "quickjs-emscripten";

/**
 * A loaded QuickJS WASM instance whose linear memory has a hard ceiling.
 *
 * Why not `getQuickJS()`: this QuickJS build cannot see allocation sizes ("malloc_usable_size
 * unavailable"), so `runtime.setMemoryLimit` only rejects single allocations above the limit and
 * a loop of 8 MB arrays grows the shared module's memory to 2 GB. Capping the WebAssembly.Memory
 * makes malloc fail for real, which QuickJS reports as "out of memory".
 */
export type Engine = {
  quickjs: QuickJSWASMModule;
  memory: WebAssembly.Memory;
  maxBytes: number;
};

const PAGE_BYTES = 64 * 1024;
/** The build's INITIAL_MEMORY (16 MiB); a WebAssembly.Memory may not start smaller. */
const INITIAL_PAGES = 256;
/** Static data and the C stack of the WASM module, on top of the guest's own heap. */
const OVERHEAD_PAGES = 64;
const MAX_CACHED_ENGINES = 8;

const engines = new Map<number, Promise<Engine>>();
const retired = new WeakSet<Engine>();

async function createEngine(memoryMb: number): Promise<Engine> {
  const wantedPages = Math.ceil((memoryMb * 1024 * 1024) / PAGE_BYTES) + OVERHEAD_PAGES;
  const maximum = Math.max(INITIAL_PAGES, wantedPages);
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum });
  const variant = newVariant(RELEASE_SYNC, { wasmMemory: memory });
  const quickjs = await newQuickJSWASMModuleFromVariant(variant);
  return { quickjs, memory, maxBytes: maximum * PAGE_BYTES };
}

/**
 * One engine per memory limit, reused call after call. Calls never interleave inside an engine:
 * everything after this await runs synchronously, so at most one runtime is alive in it.
 */
export async function acquireEngine(memoryMb: number): Promise<Engine> {
  for (;;) {
    let pending = engines.get(memoryMb);
    if (!pending) {
      if (engines.size >= MAX_CACHED_ENGINES) engines.delete(engines.keys().next().value as number);
      pending = createEngine(memoryMb);
      engines.set(memoryMb, pending);
    }
    let engine: Engine;
    try {
      engine = await pending;
    } catch (error) {
      if (engines.get(memoryMb) === pending) engines.delete(memoryMb);
      throw error;
    }
    if (!retired.has(engine)) return engine;
    if (engines.get(memoryMb) === pending) engines.delete(memoryMb);
  }
}

/**
 * Stop using an engine whose state can no longer be trusted (out of memory inside QuickJS, a
 * host stack overflow that unwound through WASM frames, an abort). The next call loads a fresh
 * one; the old instance is never touched again and is left to the garbage collector.
 */
export function retireEngine(engine: Engine): void {
  retired.add(engine);
}

/**
 * True when the engine's linear memory has grown to (almost) its ceiling. "Almost": a large
 * allocation (a hash table resize, a big array) fails while some megabytes are still free.
 */
export function isNearMemoryCeiling(engine: Engine): boolean {
  const slack = Math.max(4 * 1024 * 1024, engine.maxBytes / 8);
  return engine.memory.buffer.byteLength + slack >= engine.maxBytes;
}
