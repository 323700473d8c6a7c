import type { Operation } from "../registry";
import { compatOperations } from "./compat";
import { operationalOperations } from "./operational";
import { resourceOperations } from "./resources";
import { runOperations } from "./runs";
import { teamOperations } from "./team";

/** Every documented operation, in the order the reference shows them. */
export const operations: Operation[] = [
  ...resourceOperations,
  ...runOperations,
  ...teamOperations,
  ...compatOperations,
  ...operationalOperations,
];
