#!/usr/bin/env bash
# The npm package's conformance kit, run from an install as a team runs it, against reference
# implementations written from the published data (build/conformance/reference/, Python's standard
# library) and against wrong ones, which it must fail:
#
#   signing    the reference signer passes every request vector; a signer that exits at once and
#              one that leaves the Content-Type out of the string to sign fail;
#   callbacks  the reference endpoint gets every callback vector right; endpoints that accept
#              everything, ignore the timestamp's age or take the key in any case fail; a key
#              without letters skips the key-case vector rather than passing it;
#   usage      a wrong file or URL is a sentence and exit 2, never a stack trace.
#
# Usage: bash build/conformance/kit-check.sh <installed sinch-conformance> <installed package folder>
# (build/publish-spec.sh calls it on the tarball it installed in an empty folder). The flows against
# the emulator run in build/conformance/run.sh. Prints one line per part; exits 1 when one fails.
set -euo pipefail
kit="$1"
package="$2"
reference="$(cd "$(dirname "$0")" && pwd)/reference"
spec="$package/sinch-verification.json"
work="$(mktemp -d)"
endpoint_pid=""
cleanup() {
  if [ -n "$endpoint_pid" ]; then kill "$endpoint_pid" 2>/dev/null || true; wait "$endpoint_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# expect <pass|fail|usage> <what> <command...>: the kit's exit code (0, 1, 2) must say so; its output is shown when not.
expect() {
  local want="$1" what="$2"
  shift 2
  local status=0
  "$@" >"$work/out.txt" 2>&1 || status=$?
  if { [ "$want" = pass ] && [ "$status" -ne 0 ]; } || { [ "$want" = fail ] && [ "$status" -ne 1 ]; } || { [ "$want" = usage ] && [ "$status" -ne 2 ]; }; then
    cat "$work/out.txt" >&2
    echo "kit-check: sinch-conformance should $want $what (exit $status)" >&2
    exit 1
  fi
  # Whatever the verdict, the kit says it in words: a stack trace is a crash of the kit.
  if grep -qE '^\s+at .+:[0-9]+:[0-9]+\)?$' "$work/out.txt"; then
    cat "$work/out.txt" >&2
    echo "kit-check: sinch-conformance crashed on $what instead of reporting" >&2
    exit 1
  fi
  if [ "$want" = usage ]; then echo "kit-check: $what: $(head -n 1 "$work/out.txt")"; else echo "kit-check: $what: $(tail -n 1 "$work/out.txt")"; fi
}

expect pass "the reference signer" "$kit" signing --signer "python3 '$reference/signer.py' '$spec'"
expect fail "a signer that exits before reading" "$kit" signing --signer "exit 3"
expect fail "a signer without the Content-Type" "$kit" signing --signer "python3 '$reference/signer.py' '$spec' --break-content-type"

# A fresh credential: the endpoint and the kit read it from the environment, never the command line.
export SINCH_APPLICATION_KEY="kit-check-$$"
SINCH_APPLICATION_SECRET="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
export SINCH_APPLICATION_SECRET

# endpoint [--accept-all | --ignore-timestamp | --ignore-key-case]: starts the reference endpoint, sets $url once it listens.
endpoint() {
  if [ -n "$endpoint_pid" ]; then kill "$endpoint_pid" 2>/dev/null || true; wait "$endpoint_pid" 2>/dev/null || true; fi
  : >"$work/endpoint.log"
  python3 "$reference/endpoint.py" "$spec" "$@" >>"$work/endpoint.log" 2>&1 &
  endpoint_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(sed -n 's/^listening //p' "$work/endpoint.log")"
    [ -n "$url" ] && return 0
    kill -0 "$endpoint_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$work/endpoint.log" >&2
  echo "kit-check: the reference endpoint did not listen" >&2
  exit 1
}
endpoint
expect pass "the reference endpoint" "$kit" callbacks --url "$url"
endpoint --accept-all
expect fail "an endpoint that accepts every callback" "$kit" callbacks --url "$url"
endpoint --ignore-timestamp
expect fail "an endpoint that ignores the timestamp's age" "$kit" callbacks --url "$url"
endpoint --ignore-key-case
expect fail "an endpoint that takes the key in any case" "$kit" callbacks --url "$url"
# A key without letters has no other case: the kit says it cannot test that, and passes nothing by it.
if SINCH_APPLICATION_KEY=123456789 "$kit" callbacks --url "$url" >"$work/out.txt" 2>&1 || ! grep -q "^  skip .*no letters" "$work/out.txt"; then
  cat "$work/out.txt" >&2
  echo "kit-check: with a key of digits only, the key-case vector must be skipped (and the endpoint above still fail)" >&2
  exit 1
fi
echo "kit-check: a key without letters: the key-case vector is skipped"
# Bad usage is a sentence and exit 2, never a stack trace.
for args in "signing --signer true --spec $package/package.json" "signing --signer true --vectors $spec" "callbacks --url ftp://x" "flows --base-url http://127.0.0.1:1/v1 --callback-url http://127.0.0.1/cb"; do
  expect usage "bad usage: $args" "$kit" $args
done
