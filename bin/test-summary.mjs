// Sum vitest and Playwright JSON reports into the one closing line CI reads: "N passed, N failed".
import { readFileSync } from "node:fs";

const [failedSteps, ...files] = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    continue;
  }
  if (typeof report.numPassedTests === "number") {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } else if (report.stats) {
    passed += report.stats.expected ?? 0;
    failed += (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0);
  }
}
// A failing step with no test report (lint, typecheck, migrations) counts as one failure.
const stepFailures = Number(failedSteps);
if (stepFailures > 0 && failed === 0) failed = stepFailures;
console.log("");
console.log(`${passed} passed, ${failed} failed`);
process.exit(stepFailures > 0 || failed > 0 ? 1 : 0);
