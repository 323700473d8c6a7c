import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";

/** Tests run against a real PostgreSQL: DATABASE_URL if given, else a throwaway embedded cluster. */
export default async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const dataDir = join(mkdtempSync(join(tmpdir(), "assay-test-")), "pg");
    const db = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    url = db.url;
    stop = db.stop;
  }
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
  return stop;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port")),
      );
    });
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
