import { createReadStream, existsSync, readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { buildOpenApiDocument } from "./document";

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The document served at /api/openapi.json (built once per process). */
export function openApiDocument() {
  cached ??= buildOpenApiDocument();
  return cached;
}

export const SCALAR_BUNDLE_PATH = "/docs/scalar.js";

// Scalar is configured to stay on our origin: no web fonts, telemetry or AI agent from its CDN.
const SCALAR_CONFIG = {
  url: "/api/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: "never",
};

/** GET /docs — the interactive reference: Scalar's standalone bundle rendering /api/openapi.json. */
export function docsPage(): Response {
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Assay API reference</title>
    <style>
      /* System fonts: Scalar's web fonts live on its CDN, which the CSP (rightly) blocks. */
      :root,
      .light-mode,
      .dark-mode {
        --scalar-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
        --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      }
    </style>
  </head>
  <body>
    <div id="api-reference"></div>
    <script src="${SCALAR_BUNDLE_PATH}"></script>
    <script>
      Scalar.createApiReference("#api-reference", ${JSON.stringify(SCALAR_CONFIG)});
    </script>
  </body>
</html>
`;
  return new Response(html, {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
  });
}

/** The bundle's file in node_modules (served from our origin: the CSP allows only 'self' scripts). */
function bundleFile(): { file: string; version: string } {
  const require = createRequire(join(process.cwd(), "package.json"));
  // The package exports neither package.json nor the bundle: find its root from its entry point.
  for (
    let dir = dirname(require.resolve("@scalar/api-reference"));
    dir !== dirname(dir);
    dir = dirname(dir)
  ) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, "utf8")) as {
      name: string;
      version: string;
    };
    if (name === "@scalar/api-reference")
      return { file: join(dir, "dist", "browser", "standalone.js"), version };
  }
  throw new Error("@scalar/api-reference is not installed");
}

/** GET /docs/scalar.js — Scalar's standalone browser bundle, cached by version. */
export async function scalarBundle(req: Request): Promise<Response> {
  const { file, version } = bundleFile();
  const etag = `"scalar-${version}"`;
  const headers = {
    "content-type": "text/javascript; charset=utf-8",
    "cache-control": "public, max-age=86400",
    etag,
  };
  if (req.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers });
  const { size } = await stat(file);
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { ...headers, "content-length": String(size) } });
}
