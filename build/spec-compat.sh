#!/usr/bin/env bash
# Compatibility gate: does the spec break clients of the last released one?
#
#   bash build/spec-compat.sh [candidate spec]      (default: spec/sinch-verification.yaml)
#
# Compares the candidate with spec/released/sinch-verification.yaml (the spec as last released;
# spec/released/README.md says when to update it). Exits 1 and prints each breaking change in plain
# words - removed operations, responses, fields, parameters or enum values (known values of open
# sets included), narrowed types, new required request members, ... - unless the major version of
# the candidate's info.version is higher than the released one's. Adding is never breaking, not
# even a value to an open set; moving a schema behind a $ref (or inlining it) is no change.
# The rules and why this is our own checker: build/spec-tools/spec-compat.mjs. Its self-test:
# node --test build/spec-tools/spec-compat.test.mjs.
#
# Uses the pinned js-yaml in build/ (package.json + package-lock.json); runs `npm ci` there when
# node_modules is missing or older than the lock file.
set -euo pipefail
if [ $# -gt 0 ]; then
  [ -f "$1" ] || { echo "spec-compat: no such spec: $1" >&2; exit 2; }
  candidate="$(realpath -- "$1")"
fi
cd "$(dirname "$0")/.."
candidate="${candidate:-spec/sinch-verification.yaml}"
released=spec/released/sinch-verification.yaml
tools=build/node_modules

if [ ! -f "$tools/.package-lock.json" ] || [ build/package-lock.json -nt "$tools/.package-lock.json" ]; then
  (cd build && npm ci --no-audit --no-fund --loglevel=error)
fi

node build/spec-tools/spec-compat.mjs "$released" "$candidate"
