import type { ChatTurn } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { JsonView } from "@/components/ui/json-view";

/** A multi-turn conversation as chat bubbles: the user (scripted or simulated) left, the target right. */
export function Transcript({ turns }: { turns: ChatTurn[] }) {
  return (
    <ol className="space-y-3" data-testid="transcript">
      {turns.map((turn, i) => {
        const fromTarget = turn.role === "assistant";
        const system = turn.role === "system" || turn.role === "tool";
        const speaker = (turn as ChatTurn & { speaker?: string }).speaker;
        return (
          <li
            key={i}
            className={cn(
              "flex flex-col",
              fromTarget ? "items-end" : system ? "items-center" : "items-start",
            )}
          >
            <div className="mb-1 flex items-center gap-2 text-[11.5px] text-zinc-500 dark:text-zinc-400">
              <span className="font-medium capitalize">{turn.role}</span>
              {speaker ? <span>· {speaker}</span> : null}
              {typeof turn.latency_ms === "number" ? (
                <span className="tabular">· {turn.latency_ms} ms</span>
              ) : null}
            </div>
            <div
              className={cn(
                "max-w-[85%] rounded-2xl px-3.5 py-2 text-[13px] leading-relaxed whitespace-pre-wrap break-words",
                fromTarget
                  ? "rounded-br-sm bg-accent-600 text-white dark:bg-accent-500"
                  : system
                    ? "rounded-md border border-dashed border-zinc-300 bg-transparent font-mono text-[12px] text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
                    : "rounded-bl-sm bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
              )}
            >
              {typeof turn.content === "string" ? (
                turn.content
              ) : (
                <JsonView value={turn.content} copy={false} />
              )}
            </div>
            {turn.tool_calls ? (
              <div className="mt-1 w-full max-w-[85%]">
                <JsonView value={turn.tool_calls} maxHeight="10rem" />
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
