#!/usr/bin/env bash
# Generator check: do the TypeScript generators teams use today make a working client of the
# PUBLISHED spec (what the npm package holds), with the one setting each needs for the number's
# literal `+`? For each of openapi-fetch (with the package's own sinch-verification.d.ts),
# @hey-api/openapi-ts and orval, at the versions pinned in package-lock.json beside this script:
#
#   1. a client is generated from published/sinch-verification.json (openapi-fetch needs none:
#      it uses the published types) into generated/;
#   2. tsc (strict) compiles the clients with the file that drives each (openapi-fetch.ts,
#      hey-api.ts, orval.ts): open value sets must be usable as strings, callback events must
#      narrow on `event` where the generator can express it (and, where it cannot, a
#      @ts-expect-error line fails the day it can, so README.md is updated);
#   3. one emulator (`sinch-verification emulator`) serves all three: each client starts an SMS
#      verification, reads the code from the emulator's outbox, reports it by number, and reads
#      the status by number and by reference (flow.ts), all signed with the published signer.
#      The number's `+` must arrive literally (the emulator answers 400 to %2B) and the
#      reference, which needs path-encoding, intact.
#
# Usage: bash build/generator-check/run.sh [--no-build]
#   --no-build  use the CLI as last built (Debug) instead of running `dotnet build` on it first
#
# The published artifacts come from SINCH_SPEC_ARTIFACTS (default artifacts/spec, as written by
# build/publish-spec.sh: run that first). Prints one line per check; exits non-zero when
# anything fails. Phone numbers are masked; the secret (random per run) and codes never printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
. build/check-steps.sh
check_begin generator-check "$@"

here=build/generator-check
artifacts="${SINCH_SPEC_ARTIFACTS:-artifacts/spec}"
tools="$here/node_modules"

for file in sinch-verification.json sinch-verification.d.ts typescript/sinch-signing.ts; do
  [ -f "$artifacts/$file" ] || { echo "generator-check: $artifacts has no $file: run build/publish-spec.sh first" >&2; exit 1; }
done

npm_tools "$here"
version() { node -p "require('./$tools/$1/package.json').version"; }

# The package's README names the versions tested: the ones pinned here (the fact lives in the lock file).
readme=build/spec-package/README.md
for tool in openapi-fetch @hey-api/openapi-ts orval; do
  if ! grep -qF "| $tool | $(version "$tool") |" "$readme"; then
    echo "generator-check: $readme's Generators table must name $tool $(version "$tool"), the version pinned in $here/package-lock.json" >&2
    exit 1
  fi
done

# ---- 1: what other teams get, and the clients generated from it ----------------------------
rm -rf "$here/published" "$here/generated"
mkdir -p "$here/published"
cp -R "$artifacts/." "$here/published/"
(cd "$here" && quiet node node_modules/@hey-api/openapi-ts/bin/run.js -i ./published/sinch-verification.json -o ./generated/hey-api)
(cd "$here" && quiet node node_modules/orval/dist/bin/orval.mjs --config orval.config.mjs)
# The published package README's hey-api setup, as written: the block after its marker, beside a `client`
# folder that is the generated hey-api client; hey-api.ts runs the flow through it.
readme_setup="$here/generated/readme/hey-api-setup.ts"
mkdir -p "$(dirname "$readme_setup")"
ln -s ../hey-api "$here/generated/readme/client"
awk '/<!-- generator-check: hey-api setup -->/ { marked = 1; next } marked && /^```ts$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' \
  "$here/published/README.md" >"$readme_setup"
[ -s "$readme_setup" ] || { echo "generator-check: the package's README.md has no \`\`\`ts block after <!-- generator-check: hey-api setup -->" >&2; exit 1; }
echo "generator-check: generated clients of the published spec with @hey-api/openapi-ts $(version @hey-api/openapi-ts) and orval $(version orval); openapi-fetch $(version openapi-fetch) uses the published types"

# ---- 2: they compile, strict ---------------------------------------------------------------
quiet node "$tools/typescript/bin/tsc" --project "$here/tsconfig.json"
echo "generator-check: tsc --strict: open sets read as strings in all three; events narrow on \`event\` with the published types (hey-api and orval cannot express it: checked with @ts-expect-error)"

# ---- 3: one emulator, three clients --------------------------------------------------------
if [ "$build" = yes ]; then
  quiet dotnet build src/Sinch.Verification.Cli -c Debug --nologo -v quiet -clp:NoSummary
fi
emulator_credentials generator-check
emulator_start "$work/emulator.log"
export SINCH_VERIFICATION_BASE_URL="$emulator_api"

failed=0
for client in openapi-fetch hey-api orval; do
  (cd "$here" && timeout 60 node --import tsx "$client.ts") || failed=$((failed + 1))
done
if [ "$failed" -ne 0 ]; then
  echo "generator-check: the emulator's log (numbers masked, no secrets):" >&2
  tail -n 40 "$work/emulator.log" >&2
  echo "generator-check: $failed of 3 clients failed" >&2
  exit 1
fi
echo "generator-check: passed in ${SECONDS} s"
