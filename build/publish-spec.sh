#!/usr/bin/env bash
# Publishes the spec for people who do not use the C# client: other language teams, API
# reviewers, documentation. Writes to artifacts/spec/:
#
#   sinch-verification.yaml   the spec bundled into one file (redocly bundle)
#   sinch-verification.json   the same as JSON
#   sinch-verification.html   a self-contained HTML reference (redocly build-docs --inlineBundle):
#                             opens offline, loads no script from the internet
#   sinch-verification.d.ts   TypeScript types of every path, operation and schema
#                             (openapi-typescript), type-checked with tsc together with
#                             build/typescript-check/usage.ts, a client flow written against them
#
# The spec must pass Redocly lint first (the same rules as build/lint-spec.sh). Uses the pinned tools in
# build/ (package.json + package-lock.json); runs `npm ci` there when they are missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1

spec=spec/sinch-verification.yaml
config=spec/redocly.yaml
out=artifacts/spec
tools=build/node_modules
name=sinch-verification

# The same rule as build/lint-spec.sh: install when node_modules is missing or older than the lock file.
if [ ! -f "$tools/.package-lock.json" ] || [ build/package-lock.json -nt "$tools/.package-lock.json" ]; then
  (cd build && npm ci --no-audit --no-fund --loglevel=error)
fi

redocly() { node "$tools/@redocly/cli/bin/cli.js" "$@"; }

# Redocly prints a Node.js deprecation banner on stderr; keep it out of the log unless a step fails.
quiet() {
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "publish-spec: failed: $*" >&2
    return 1
  fi
  rm -f "$log"
}

rm -rf "$out"
mkdir -p "$out"

quiet redocly lint --config "$config" --format=codeframe "$spec"
quiet redocly bundle --config "$config" "$spec" --output "$out/$name.yaml" --ext yaml
quiet redocly bundle --config "$config" "$spec" --output "$out/$name.json" --ext json
quiet redocly build-docs --config "$config" "$spec" --output "$out/$name.html" --inlineBundle \
  --title "Sinch Verification API" --templateOptions.metaDescription "Sinch Verification API reference"

# Self-contained means no script from elsewhere (fonts may still be linked; they are not code).
if grep -Eiq '<script[^>]+src=["'\'']?(https?:)?//' "$out/$name.html"; then
  echo "publish-spec: $out/$name.html loads a script from the internet; it must be built with --inlineBundle" >&2
  exit 1
fi

# Types from the published JSON, not from the source: what other teams get is what is checked.
quiet node "$tools/openapi-typescript/bin/cli.js" "$out/$name.json" --output "$out/$name.d.ts"
quiet node "$tools/typescript/bin/tsc" --project build/typescript-check/tsconfig.json

for file in "$out"/*; do
  printf '%8d bytes  %s\n' "$(wc -c <"$file")" "$file"
done
