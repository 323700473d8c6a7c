/** `npm run worker`: a worker process on its own. Run as many as you like against one PostgreSQL. */
import { bootDatabase } from "@/lib/boot/runtime";
import { startWorker } from "@/lib/engine/worker";
import { closeBus } from "@/lib/events/bus";
import { closeDb } from "@/db/client";

async function main() {
  await bootDatabase();
  const worker = await startWorker();
  const stop = async () => {
    await worker.stop().catch(() => {});
    await closeBus().catch(() => {});
    await closeDb().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
