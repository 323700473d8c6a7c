#!/usr/bin/env bash
# `npm test`: lint, typecheck, migrations up to date, vitest against a real PostgreSQL, Playwright e2e
# in Chromium (and the chaos suite in CI). Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

chromium="${PLAYWRIGHT_CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "npm test needs Chromium for the end-to-end tests, and none was found at $chromium." >&2
  echo "Install it with 'sudo apt-get install -y chromium' (Debian/Ubuntu), or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium binary." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

reports="$(mktemp -d)"
failed_steps=0
step() {
  local name="$1"
  shift
  echo ""
  echo "▶ $name"
  if "$@"; then echo "✔ $name"; else echo "✘ $name"; failed_steps=$((failed_steps + 1)); fi
}

step "lint (eslint + prettier)" npm run --silent lint
step "typecheck" npx tsc --noEmit
check_migrations() {
  DATABASE_URL="${DATABASE_URL:-postgres://unused}" npx drizzle-kit generate --name pending >/dev/null || return 1
  local pending
  pending="$(git status --porcelain -- db/migrations | grep -v '^??.*meta' || true)"
  if [ -n "$pending" ]; then
    echo "The schema changed without a committed migration (run npm run db:generate):" >&2
    echo "$pending" >&2
    git checkout -- db/migrations 2>/dev/null; git clean -fq -- db/migrations
    return 1
  fi
}
step "migrations match the schema" check_migrations
step "unit and integration tests (vitest)" npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
if [ "${CI:-}" = "true" ] || [ "${ASSAY_CHAOS:-}" = "1" ]; then
  step "chaos tests" npx vitest run --config vitest.chaos.config.ts --reporter=default --reporter=json --outputFile.json="$reports/chaos.json"
fi
step "end-to-end tests (Playwright, Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" npx playwright test --reporter=list,json

node bin/test-summary.mjs "$failed_steps" "$reports"/*.json
status=$?
rm -rf "$reports"
exit $status
