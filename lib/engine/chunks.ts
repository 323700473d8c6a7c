/** Runs per execute_chunk job: big enough to amortise claiming, small enough to spread over workers. */
export const CHUNK_SIZE = 50;

/**
 * One job's share of a suite run: the runs of chunk `chunk`, whose ids lie in [first, last]. The job
 * claims them through the (suite_run_id, id) index, so `runs` needs no index on `chunk`.
 */
export type ChunkRange = { chunk: number; first: string; last: string };

/** New runs, ids ascending (as `newIds` makes them), split into chunks of CHUNK_SIZE consecutive runs. */
export function chunkRuns(ids: string[]): { chunks: number[]; ranges: ChunkRange[] } {
  const chunks = new Array<number>(ids.length);
  const ranges: ChunkRange[] = [];
  for (let start = 0, chunk = 0; start < ids.length; start += CHUNK_SIZE, chunk++) {
    const end = Math.min(start + CHUNK_SIZE, ids.length);
    for (let i = start; i < end; i++) chunks[i] = chunk;
    ranges.push({ chunk, first: ids[start], last: ids[end - 1] });
  }
  return { chunks, ranges };
}
