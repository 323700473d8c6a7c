import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { usageError } from "./errors";

export type Config = { baseUrl: string; apiKey: string };

/** ASSAY_URL (or --url) and ASSAY_API_KEY. The key is never taken from argv: argv is visible to every user of the machine. */
export function loadConfig(
  opts: { url?: string },
  env: Record<string, string | undefined> = process.env,
): Config {
  const raw = opts.url ?? env.ASSAY_URL;
  if (!raw)
    throw usageError(
      "Set ASSAY_URL (or pass --url) to your Assay server, e.g. https://assay.example.com",
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`ASSAY_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw usageError(`ASSAY_URL must be http:// or https://, got ${url.protocol}`);
  const apiKey = env.ASSAY_API_KEY?.trim();
  if (!apiKey)
    throw usageError("Set ASSAY_API_KEY to a project API key (scope run, or read for status)");
  return { baseUrl: url.toString().replace(/\/+$/, ""), apiKey };
}

let version: string | undefined;
export function cliVersion(): string {
  if (!version) {
    const path = fileURLToPath(new URL("../../package.json", import.meta.url));
    version = (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
  }
  return version;
}
