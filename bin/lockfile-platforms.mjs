#!/usr/bin/env node
// The npm registry this project installs from serves only the Linux builds of some platform
// packages (@next/swc-*, @tailwindcss/oxide-*), so `npm install` leaves the others out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This adds the missing
// optional entries with their os/cpu, which npm skips on other platforms. Run after `npm install`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
const added = [];

function platform(name) {
  const base = name.split("/").pop();
  const os = ["darwin", "win32", "linux", "android", "freebsd"].find((o) => base.includes(o));
  const cpu = ["arm64", "x64", "ia32", "wasm32", "arm"].find((c) =>
    new RegExp(`(^|-)${c}($|-)`).test(base),
  );
  const libc =
    os === "linux"
      ? base.includes("musl")
        ? "musl"
        : base.includes("gnu")
          ? "glibc"
          : undefined
      : undefined;
  return {
    ...(os ? { os: [os] } : {}),
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(libc ? { libc: [libc] } : {}),
  };
}

for (const meta of Object.values(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (packages[key]) continue;
    packages[key] = { version, optional: true, ...platform(dep) };
    added.push(`${dep}@${version}`);
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(
  added.length
    ? `added ${added.length} platform entries: ${added.join(", ")}`
    : "package-lock.json already complete",
);
