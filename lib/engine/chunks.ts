/** Runs per execute_chunk job: big enough to amortise claiming, small enough to spread over workers. */
export const CHUNK_SIZE = 50;

/**
 * One job's share of a suite run: the runs of chunk `chunk`, whose ids lie in [first, last]. The job
 * claims them through the (suite_run_id, id) index, so `runs` needs no index on `chunk`.
 */
export type ChunkRange = { chunk: number; first: string; last: string };

/**
 * New runs, ids ascending (as `newIds` makes them), split into chunks of CHUNK_SIZE consecutive runs:
 * run i (from 0, in creation order) is in chunk floor(i / CHUNK_SIZE).
 */
export function chunkRanges(ids: string[]): ChunkRange[] {
  const ranges: ChunkRange[] = [];
  for (let start = 0, chunk = 0; start < ids.length; start += CHUNK_SIZE, chunk++)
    ranges.push({
      chunk,
      first: ids[start],
      last: ids[Math.min(start + CHUNK_SIZE, ids.length) - 1],
    });
  return ranges;
}
