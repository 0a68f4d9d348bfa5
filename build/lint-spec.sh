#!/usr/bin/env bash
# Redocly lint of spec/sinch-verification.yaml with spec/redocly.yaml (recommended rules, warnings
# promoted to errors), and of the emulator's description of its own endpoints
# (src/Sinch.Verification.Emulator/emulator-openapi.yaml) with the same rules less
# operation-4xx-response (its stats and the document itself answer no 4xx). The .NET build does not lint (it needs no Node): .ci/run runs this, and so
# can you after editing the spec. Uses the pinned Redocly CLI in build/ (package.json +
# package-lock.json); runs `npm ci` there when node_modules is missing or older than the lock file.
# Exit code 0 and one line when the spec passes; otherwise Redocly's report (file:line:col, rule).
set -euo pipefail
cd "$(dirname "$0")/.."

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1

spec=spec/sinch-verification.yaml
tools=build/node_modules
if [ ! -f "$tools/.package-lock.json" ] || [ build/package-lock.json -nt "$tools/.package-lock.json" ]; then
  (cd build && npm ci --no-audit --no-fund --loglevel=error)
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
lint() {
  local file="$1"
  shift
  if node "$tools/@redocly/cli/bin/cli.js" lint --config spec/redocly.yaml --format=codeframe "$@" "$file" >"$log" 2>&1; then
    echo "lint-spec: $file passes Redocly lint"
  else
    # Without the boxed Node.js deprecation banner Redocly prints on every run.
    grep -v '^ *[╔║╚]' "$log" >&2 || true
    echo "lint-spec: $file does not pass Redocly lint (rules: spec/redocly.yaml)" >&2
    return 1
  fi
}

status=0
lint "$spec" || status=1
lint src/Sinch.Verification.Emulator/emulator-openapi.yaml --skip-rule operation-4xx-response || status=1
exit "$status"
