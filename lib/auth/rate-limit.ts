import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

const WINDOW_S = 60;
const MAX_PER_WINDOW = 20;

/** Count one login attempt for `key` in the current minute; false once the window's budget is spent. */
export async function consumeLoginAttempt(key: string): Promise<boolean> {
  const rows = await getDb().execute<{ count: number }>(sql`
    insert into login_attempts (key, window_start, count)
    values (${key}, to_timestamp(floor(extract(epoch from now()) / ${WINDOW_S}) * ${WINDOW_S}), 1)
    on conflict (key, window_start) do update set count = login_attempts.count + 1
    returning count`);
  return Number(rows[0]?.count ?? 0) <= MAX_PER_WINDOW;
}
