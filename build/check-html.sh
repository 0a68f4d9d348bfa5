#!/usr/bin/env bash
# The HTML reference in a real browser: opens artifacts/spec/sinch-verification.html in headless
# Chromium (Debian's package) and checks it against the published 3.1 JSON it is built from: every
# operation reachable from the sidebar, the signing scheme's code block with the values of
# x-sinch-signature from its sidebar entry, and every callback as a webhook with every branch of its
# event union, the fallback included (build/spec-tools/check-html.mjs says how). Run by
# build/publish-spec.sh after it builds the page; run it alone after `bash build/publish-spec.sh`
# to look again.
#
# Chromium comes from Debian (`apt-get install chromium`), never from the internet: when
# /usr/bin/chromium is missing, this script installs it with apt-get if it runs as root, and
# fails with a message saying so otherwise. CHROMIUM=/path/to/chromium overrides the path.
set -euo pipefail
cd "$(dirname "$0")/.."

spec=artifacts/spec/sinch-verification.3.1.json
html=artifacts/spec/sinch-verification.html
chromium="${CHROMIUM:-/usr/bin/chromium}"
tools=build/node_modules

if [ ! -f "$spec" ] || [ ! -f "$html" ]; then
  echo "check-html: $html or $spec is missing; run bash build/publish-spec.sh first" >&2
  exit 1
fi
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "check-html: $chromium is missing; installing Debian's chromium package (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    log="$(mktemp)"
    if ! { apt-get update -qq && apt-get install -y -qq chromium; } >"$log" 2>&1; then
      cat "$log" >&2
      echo "check-html: apt-get could not install chromium" >&2
    fi
    rm -f "$log"
  fi
  if [ ! -x "$chromium" ]; then
    echo "check-html: no Chromium at $chromium. Install Debian's package as root (apt-get install -y chromium)" \
      "or set CHROMIUM to a Chromium binary; this check never downloads a browser." >&2
    exit 1
  fi
fi
if [ ! -f "$tools/.package-lock.json" ] || [ build/package-lock.json -nt "$tools/.package-lock.json" ]; then
  (cd build && npm ci --no-audit --no-fund --loglevel=error)
fi

node build/spec-tools/check-html.mjs "$spec" "$html" "$chromium"
