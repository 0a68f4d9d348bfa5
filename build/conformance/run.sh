#!/usr/bin/env bash
# Conformance run: do the published spec, its signing data, the published TypeScript signer and
# the npm package's conformance kit agree with each other and with the emulator? A team without
# this repository runs the kit (`npx sinch-conformance`); the steps:
#
#   1. the signing vectors (spec/signing-vectors.json) are recomputed with Python's standard
#      library (check-vectors.py), an implementation written from the spec, not from our code;
#   2. the published TypeScript signer and callback validator pass every vector
#      (signing-vectors.test.ts, node:test);
#   3. the emulator runs through the CLI (`sinch-verification emulator`) and the npm package's
#      conformance kit (`sinch-conformance flows`: its own signer, built from x-sinch-signature;
#      see the package's conformance/README.md) verifies a number with every method of the spec's
#      KnownVerificationMethod, all application-signed: start -> outbox -> report -> status where
#      the spec gives the method a report member (`x-sinch-method`), start -> GET of the start's
#      target URI -> status where it does not (seamless), while receiving the emulator's signed
#      callbacks and validating each one. With SINCH_SPEC_ARTIFACTS the kit is installed from the
#      packed tarball in an empty folder, as a team gets it; otherwise it runs from the staged copy.
#      A team without this repository runs that kit, not this script. (Clients made by generators
#      from the published spec run against the emulator in build/generator-check/.)
#
# Only what is published is used: run.sh stages it into build/conformance/published/
# with artifacts/spec/'s layout. By default it is made here from the sources
# (the spec as JSON, spec/signing-vectors.json, the emulator's description and build/spec-package/);
# with SINCH_SPEC_ARTIFACTS=artifacts/spec (after build/publish-spec.sh) the real artifacts are used.
#
# Usage: bash build/conformance/run.sh [--no-build]
#   --no-build  use the CLI as last built (Debug) instead of running `dotnet build` on it first
#
# Needs the .NET SDK, Node.js 20+, npm (only for the pinned tools, installed once with `npm ci`)
# and python3. Prints one line per check; exits non-zero when anything fails. Phone numbers are
# masked; the application secret (random per run), signatures and codes are never printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
. build/check-steps.sh
check_begin conformance "$@"

here=build/conformance
published="$here/published"
tools="$here/node_modules"

npm_tools "$here"

# ---- what other teams get -------------------------------------------------------------------
rm -rf "$published"
mkdir -p "$published"
if [ -n "${SINCH_SPEC_ARTIFACTS:-}" ]; then
  cp -R "$SINCH_SPEC_ARTIFACTS/." "$published/"
else
  cp spec/signing-vectors.json "$published/"
  cp -R build/spec-package/. "$published/"
  cp src/Sinch.Verification.Emulator/emulator-openapi.yaml "$published/"
  # The source has no external $ref, so as JSON it is what the kit reads from the bundle.
  node "$tools/js-yaml/bin/js-yaml.js" spec/sinch-verification.yaml >"$published/sinch-verification.json"
fi
for file in sinch-verification.json signing-vectors.json emulator-openapi.yaml typescript/sinch-signing.ts conformance/sinch-conformance.mjs; do
  [ -f "$published/$file" ] || { echo "conformance: the published artifacts have no $file" >&2; exit 1; }
done

# ---- 1 and 2: the vectors -------------------------------------------------------------------
python3 "$here/check-vectors.py" "$published/sinch-verification.json" "$published/signing-vectors.json"

# tsx runs TypeScript without type-checking it: tsc first, so a type error fails here, not later.
quiet node "$tools/typescript/bin/tsc" --project "$here/tsconfig.json"

if ! (cd "$here" && node --import tsx --test --test-reporter=spec signing-vectors.test.ts) >"$work/vectors.log" 2>&1; then
  cat "$work/vectors.log" >&2
  echo "conformance: the TypeScript signer fails signing vectors (build/conformance/signing-vectors.test.ts)" >&2
  exit 1
fi
count() { sed -n "s/^ℹ $1 \([0-9]*\)$/\1/p" "$work/vectors.log"; }
echo "signing-vectors.test.ts: the published TypeScript signer: $(count pass) vectors ok, $(count fail) failed"

# ---- 3: the emulator and the kit's flows ------------------------------------------------------
if [ "$build" = yes ]; then
  # Incremental: about 3 s when the Debug build is current (as after .ci/run's dotnet test), about
  # 40 s from clean. Only the CLI and the projects it references are built.
  quiet dotnet build src/Sinch.Verification.Cli -c Debug --nologo -v quiet -clp:NoSummary
fi
emulator_credentials conformance

# The kit's callback receiver must be known before the emulator starts, so its port is picked
# here: the port is free now and taken a second later by the kit.
callback_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
callback_url="http://127.0.0.1:$callback_port/sinch/verification"
emulator_start "$work/emulator.log" --callback-url "$callback_url"

kit=(node "$published/conformance/sinch-conformance.mjs")
if [ -n "${SINCH_SPEC_ARTIFACTS:-}" ]; then
  tarball="$(realpath "$(ls "$(dirname "$SINCH_SPEC_ARTIFACTS")"/packages/sinch-verification-generated-spec-*.tgz 2>/dev/null | head -n 1)" 2>/dev/null || true)"
  [ -n "$tarball" ] || { echo "conformance: no packed spec package beside $SINCH_SPEC_ARTIFACTS (run build/publish-spec.sh)" >&2; exit 1; }
  mkdir -p "$work/kit"
  (cd "$work/kit" && npm init -y >/dev/null && npm install --offline --no-audit --no-fund --loglevel=error "$tarball" >/dev/null)
  kit=("$work/kit/node_modules/.bin/sinch-conformance")
fi
if ! "${kit[@]}" flows --base-url "$emulator_api" --callback-url "$callback_url"; then
  echo "conformance: the emulator's log (numbers masked, no secrets):" >&2
  tail -n 40 "$work/emulator.log" >&2
  exit 1
fi
echo "conformance: passed in ${SECONDS} s"
