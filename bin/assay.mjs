#!/usr/bin/env node
// `npx assay …`: load the TypeScript CLI through tsx (a dependency), resolving paths from the repo.
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { register } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
register({ tsconfig: join(root, "tsconfig.json") });
await import(pathToFileURL(join(root, "bin", "cli.ts")).href);
