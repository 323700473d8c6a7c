/** A minimal text/event-stream client that stamps each event with its receipt time (epoch ms). */
import { nowMs } from "./proc";

export type SseEvent = { event: string; data: string; id: string | null; at: number };

export async function openSse(
  url: string,
  headers: Record<string, string>,
  onEvent: (e: SseEvent) => void,
  signal: AbortSignal,
): Promise<{ openedAt: number; done: Promise<void> }> {
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal });
  if (!res.ok || !res.body) throw new Error(`SSE ${url} → ${res.status}`);
  const openedAt = nowMs();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const done = (async () => {
    let buf = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const at = nowMs();
        buf += decoder.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let event = "message";
          let id: string | null = null;
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const c = line.indexOf(":");
            const field = c < 0 ? line : line.slice(0, c);
            const v = c < 0 ? "" : line.slice(c + 1).replace(/^ /, "");
            if (field === "event") event = v;
            else if (field === "data") data.push(v);
            else if (field === "id") id = v;
          }
          if (data.length) onEvent({ event, data: data.join("\n"), id, at });
        }
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  })();
  return { openedAt, done };
}
