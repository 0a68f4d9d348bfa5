#!/usr/bin/env bash
# Hand-written C# per shipped project: lines that are neither blank nor comments (//, ///, and
# the * lines of block comments), generated code (obj/) excluded. README "Contributing" quotes them.
#   bash build/line-counts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/; do
  count=$(find "$project" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print0 \
    | xargs -0 cat | grep -v '^[[:space:]]*$' | grep -v '^[[:space:]]*//' | grep -cv '^[[:space:]]*\*' || true)
  printf '%-45s %5d\n' "$(basename "$project")" "$count"
done
