import { z } from "zod";

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export type Page<T> = { data: T[]; next_cursor: string | null; has_more: boolean };

/** Ids sort by creation time, so the cursor is simply the last id seen (opaque to clients). */
export const encodeCursor = (id: string) => Buffer.from(id).toString("base64url");
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  return /^[a-z]+_[0-9a-z]{26}$/.test(id) ? id : "~invalid"; // an invalid cursor yields an empty page
}

/** Build a page from rows fetched with `limit + 1`. */
export function toPage<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const slice = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: slice.map(map),
    next_cursor: hasMore ? encodeCursor(slice[slice.length - 1].id) : null,
    has_more: hasMore,
  };
}
