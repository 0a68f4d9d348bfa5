#!/usr/bin/env bash
# Trim check: a user's console app (this folder's TrimCheck.csproj + Program.cs, referencing the
# SDK project) works when published trimmed (PublishTrimmed, self-contained linux-x64) and as
# NativeAOT (PublishAot), against the emulator started with the CLI: an SMS start with identity,
# the PIN read from the emulator's outbox, a status read, a report and a final status.
# The publish may warn only IL2104/IL3053 (Newtonsoft.Json's own reflection, README "Trimming and
# NativeAOT"); any other warning fails it (TreatWarningsAsErrors).
#
#   bash build/trim-check/run.sh            # both
#   bash build/trim-check/run.sh trimmed    # or: aot
#
# NativeAOT links with the system's C toolchain (clang, else gcc). Ends with one line,
# "trim check passed (...)" or "trim check failed: ...".
set -uo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

[ $# -gt 0 ] || set -- trimmed aot
modes=("$@")
work="$(mktemp -d)"
. build/check-steps.sh  # the emulator_* functions only: this script runs without set -e
cleanup() { emulator_stop; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "trim check failed: $*"; exit 1; }

dotnet build src/Sinch.Verification.Cli -v q -nologo >"$work/cli.log" 2>&1 || { cat "$work/cli.log" >&2; fail "the CLI did not build"; }
emulator_credentials trim-check
emulator_start "$work/emulator.log" || fail "the emulator did not start"

timings=""
for mode in "${modes[@]}"; do
  case "$mode" in trimmed|aot) ;; *) fail "unknown mode '$mode' (trimmed or aot)";; esac
  out="$work/$mode"
  start=$SECONDS
  if ! dotnet publish build/trim-check/TrimCheck.csproj -c Release -p:SinchTrimCheck="$mode" -o "$out" -nologo -v q >"$work/$mode.log" 2>&1; then
    cat "$work/$mode.log" >&2
    fail "the $mode publish failed"
  fi
  seconds=$((SECONDS - start))
  unexpected="$(grep -E ': (warning|error) [A-Z]+[0-9]+' "$work/$mode.log" | grep -vE 'warning (IL2104|IL3053): Assembly .Newtonsoft.Json.' | sort -u)"
  [ -z "$unexpected" ] || { echo "$unexpected" >&2; fail "the $mode publish warned beyond Newtonsoft.Json's IL2104/IL3053"; }
  if ! "$out/TrimCheck" "$emulator_root" "$SINCH_APPLICATION_KEY" | sed "s/^/$mode: /"; then
    fail "the $mode app failed against the emulator"
  fi
  timings="$timings${timings:+, }$mode published in ${seconds}s"
done

echo "trim check passed ($timings)"
