import type { ChatTurn } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { formatDuration, formatNumber } from "@/components/ui/format";
import { JsonView } from "@/components/ui/json-view";

const SPEAKERS: Record<string, string> = {
  simulator: "Simulated user",
  scripted: "Scripted user",
  target: "Agent",
};

function who(turn: ChatTurn): string {
  if (turn.speaker && SPEAKERS[turn.speaker]) return SPEAKERS[turn.speaker];
  return turn.role.charAt(0).toUpperCase() + turn.role.slice(1);
}

/**
 * A multi-turn conversation as chat bubbles: the user (scripted or simulated) left, the target
 * right, each labelled by who spoke, with the time and tokens it took to produce.
 */
export function Transcript({
  turns,
  firstMessage,
}: {
  turns: ChatTurn[];
  /**
   * A simulation's fixed opening line: the simulator did not write it, so it took no time. Without
   * it, an opening simulated turn that took 0 ms and no tokens is taken to be that line.
   */
  firstMessage?: string;
}) {
  return (
    <ol className="space-y-3" data-testid="transcript">
      {turns.map((turn, i) => {
        const fromTarget = turn.role === "assistant";
        const system = turn.role === "system" || turn.role === "tool";
        const empty = turn.content === "" || turn.content === null || turn.content === undefined;
        const fixedOpening =
          i === 0 &&
          turn.speaker === "simulator" &&
          (firstMessage !== undefined
            ? turn.content === firstMessage
            : turn.latency_ms === 0 && !turn.tokens);
        return (
          <li
            key={i}
            className={cn(
              "flex flex-col",
              fromTarget ? "items-end" : system ? "items-center" : "items-start",
            )}
            data-testid="transcript-turn"
            data-role={turn.role}
            data-speaker={turn.speaker ?? undefined}
          >
            <div className="mb-1 flex flex-wrap items-center gap-x-1.5 text-[11.5px] text-zinc-500 dark:text-zinc-400">
              <span className="font-medium text-zinc-700 dark:text-zinc-300">{who(turn)}</span>
              {fixedOpening ? (
                <span>· first_message</span>
              ) : typeof turn.latency_ms === "number" ? (
                <span className="tabular" title="Time to produce this message">
                  · {formatDuration(turn.latency_ms)}
                </span>
              ) : null}
              {turn.tokens ? (
                <span className="tabular" title="Prompt · completion tokens">
                  · {formatNumber(turn.tokens.prompt)} in · {formatNumber(turn.tokens.completion)}{" "}
                  out
                </span>
              ) : null}
            </div>
            <div
              className={cn(
                "max-w-[85%] rounded-2xl px-3.5 py-2 text-[13px] leading-relaxed whitespace-pre-wrap break-words",
                fromTarget
                  ? "rounded-br-sm bg-accent-600 text-white dark:bg-accent-500 print:border print:border-zinc-300 print:bg-white print:text-black"
                  : system
                    ? "rounded-md border border-dashed border-zinc-300 bg-transparent font-mono text-[12px] text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
                    : "rounded-bl-sm bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100 print:border print:border-zinc-300 print:bg-white",
              )}
              data-testid="transcript-bubble"
            >
              {empty ? (
                <span className="italic opacity-70">(empty message)</span>
              ) : typeof turn.content === "string" ? (
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
