#!/usr/bin/env bash
# Publishes the spec for people who do not use the C# client: other language teams, API
# reviewers, documentation. Writes to artifacts/spec/:
#
#   sinch-verification.yaml       the spec bundled into one file (redocly bundle), OpenAPI 3.0
#   sinch-verification.json       the same as JSON
#   sinch-verification.3.1.json   OpenAPI 3.1 rendition of it, with the callback operation also
#   sinch-verification.3.1.yaml   as a top-level webhook (build/spec-tools/openapi-3.1.mjs);
#                                 must pass Redocly lint as 3.1, with the same rules
#   sinch-verification.html       a self-contained HTML reference (redocly build-docs --inlineBundle)
#                                 of the published 3.1 JSON, so it shows what the JSON says: opens
#                                 offline, loads no script from the internet; the signing scheme
#                                 rendered from x-sinch-signature (build/spec-tools/signing-doc.mjs);
#                                 checked in headless Chromium (build/check-html.sh)
#   sinch-verification.d.ts       TypeScript types of every path, operation, webhook and schema,
#                                 from the 3.1 rendition (openapi-typescript's Node API,
#                                 build/spec-tools/typescript.mjs: open value sets keep their known
#                                 values), type-checked with tsc together with build/typescript-check/
#                                 and the TypeScript of the package's README
#   package.json, README.md, ...  an npm package of all of it (build/spec-tools/package.mjs), packed
#                                 into artifacts/packages/sinch-verification-generated-spec-<version>.tgz,
#                                 with two bins: sinch-spec-compat and sinch-conformance (the kit,
#                                 build/spec-package/conformance/), both run here from an install
#
# The 3.0 spec must pass Redocly lint first (the same rules as build/lint-spec.sh); the C# build
# reads spec/sinch-verification.yaml itself, never these files. Uses the pinned tools in build/
# (package.json + package-lock.json); runs `npm ci` there when they are missing or stale.
# The compatibility gate is a separate script: build/spec-compat.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1

spec=spec/sinch-verification.yaml
config=spec/redocly.yaml
out=artifacts/spec
packages=artifacts/packages
tools=build/node_modules
name=sinch-verification

# The same rule as build/lint-spec.sh: install when node_modules is missing or older than the lock file.
if [ ! -f "$tools/.package-lock.json" ] || [ build/package-lock.json -nt "$tools/.package-lock.json" ]; then
  (cd build && npm ci --no-audit --no-fund --loglevel=error)
fi

redocly() { node "$tools/@redocly/cli/bin/cli.js" "$@"; }
tsc() { node "$tools/typescript/bin/tsc" "$@"; }

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

# 1. The 3.0 documents, from the source.
quiet redocly lint --config "$config" --format=codeframe "$spec"
quiet redocly bundle --config "$config" "$spec" --output "$out/$name.yaml" --ext yaml
quiet redocly bundle --config "$config" "$spec" --output "$out/$name.json" --ext json
# Each callback event's `event` as its single value, derived from the discriminator mapping
# (build/spec-tools/discriminator-values.mjs): the published unions narrow on `event`.
node build/spec-tools/discriminator-values.mjs "$out/$name.json" "$out/$name.yaml"
node build/spec-tools/spec-facts.mjs "$out/$name.json" events-are-literal
node build/spec-tools/event-union-check.mjs "$out/$name.json"
# The signing scheme as readers see it: x-sinch-signature rendered into the ApplicationSigned
# description as a code block and tables (build/spec-tools/signing-doc.mjs).
node build/spec-tools/signing-doc.mjs "$out/$name.json" "$out/$name.yaml"
quiet redocly lint --config "$config" --format=codeframe "$out/$name.json"

# 2. The 3.1 rendition, from the bundled 3.0 JSON, linted as 3.1 with the same rules.
node build/spec-tools/openapi-3.1.mjs "$out/$name.json" "$out/$name.3.1.json" "$out/$name.3.1.yaml"
quiet redocly lint --config "$config" --format=codeframe "$out/$name.3.1.json"

# The HTML reference, from the published 3.1 JSON (not the source): a reader sees what the JSON
# says - each event's single `event` value, the fallback branch, the webhook, the rendered scheme.
# Its callbacks' $refs to the webhooks are resolved first (build/spec-tools/html-source.mjs): Redoc
# shows a callback under its operation only when it is inline.
html_source="$(mktemp --suffix=.json)"
quiet node build/spec-tools/html-source.mjs "$out/$name.3.1.json" "$html_source"
quiet redocly build-docs --config "$config" "$html_source" --output "$out/$name.html" --inlineBundle \
  --title "Sinch Verification API" --templateOptions.metaDescription "Sinch Verification API reference"
rm -f "$html_source"

# Self-contained means no script from elsewhere (fonts may still be linked; they are not code).
if grep -Eiq '<script[^>]+src=["'\'']?(https?:)?//' "$out/$name.html"; then
  echo "publish-spec: $out/$name.html loads a script from the internet; it must be built with --inlineBundle" >&2
  exit 1
fi

# 3. Types from the published 3.1 JSON, not from the source: what other teams get is what is
#    checked. usage.ts and known-values.ts must compile (known-values.ts holds @ts-expect-error
#    lines: a misspelled known value must fail to compile).
node build/spec-tools/typescript.mjs "$out/$name.3.1.json" "$out/$name.d.ts"
quiet tsc --project build/typescript-check/tsconfig.json

# The TypeScript in the package's README compiles as written, under the package's name; a block
# after a `<!-- generator-check: ... -->` marker needs a generated client, and
# build/generator-check/run.sh compiles and runs it there.
rm -rf artifacts/typescript-readme && mkdir -p artifacts/typescript-readme
node -e 'const t = require("fs").readFileSync(process.argv[1], "utf8");
  const blocks = [...t.matchAll(/^(<!-- generator-check: [^>]*-->\n)?```ts\n([\s\S]*?)^```/gm)].filter((m) => !m[1]).map((m) => m[2]);
  if (!blocks.length) { console.error("publish-spec: no ts block in " + process.argv[1]); process.exit(1); }
  process.stdout.write(blocks.join("\n") + "export {};\n");' build/spec-package/README.md >artifacts/typescript-readme/readme.ts
quiet tsc --project build/typescript-check/tsconfig.readme.json

# narrowing.ts: a callback handler that narrows on `event` compiles (the events are a
# discriminated union, see discriminator-values.mjs).
quiet tsc --project build/typescript-check/tsconfig.narrowing.json
# 4. The HTML reference in headless Chromium: every operation and callback event is shown.
bash build/check-html.sh

# 5. The npm package, listed with npm pack --dry-run, then packed into artifacts/packages/.
node build/spec-tools/package.mjs "$out" "$packages"

# 6. The package's compatibility gate, as a team runs it: the tarball installed in an empty
# folder (it has no dependencies), `sinch-spec-compat old new` on the published JSON documents.
consumer="$(mktemp -d)"
trap 'rm -rf "$consumer"' EXIT
tarball="$(ls "$packages"/sinch-verification-generated-spec-*.tgz | head -n 1)"
(cd "$consumer" && npm init -y >/dev/null && npm install --offline --no-audit --no-fund --loglevel=error "$OLDPWD/$tarball" >/dev/null)
compat="$consumer/node_modules/.bin/sinch-spec-compat"
for doc in "$name.json" "$name.3.1.json"; do
  "$compat" "$out/$doc" "$out/$doc" >/dev/null
  # The same document with a known value gone (and a new minor version): a break, named.
  node -e 'const fs=require("fs"); const d=JSON.parse(fs.readFileSync(process.argv[1])); const e=d.components.schemas.KnownVerificationStatus.enum; e.splice(e.indexOf("ABORTED"),1); d.info.version="1.99.0"; fs.writeFileSync(process.argv[2], JSON.stringify(d));' "$out/$doc" "$consumer/new.json"
  if "$compat" "$out/$doc" "$consumer/new.json" >"$consumer/out.txt" 2>&1 || ! grep -q 'known value `ABORTED`' "$consumer/out.txt"; then
    cat "$consumer/out.txt" >&2
    echo "publish-spec: the package's sinch-spec-compat did not name a removed known value in $doc" >&2
    exit 1
  fi
done
echo "publish-spec: the package's sinch-spec-compat runs from an install and names a break in the 3.0 and 3.1 JSON"

# 7. The package's conformance kit, as a team runs it from the same install: its signing check
# against a reference signer command and its callback check against a reference endpoint (both
# Python's standard library, build/conformance/reference/), each also against a wrong one, which
# must fail. Its flows run against the CLI's emulator in build/conformance/run.sh.
bash build/conformance/kit-check.sh "$consumer/node_modules/.bin/sinch-conformance" "$consumer/node_modules/@sinch-verification-generated/spec"
