# What the check scripts that run the CLI's emulator share (conformance/run.sh,
# generator-check/run.sh, trim-check/run.sh): a work folder and the traps that clean up, quiet
# steps, the pinned npm tools of their folder, and one way to start the emulator, know when it
# listens, and stop it. Sourced, not run, from the repository's root:
#
#   . build/check-steps.sh
#   check_begin <name> "$@"            the script's options (--no-build sets build=no: use the CLI
#                                      as last built), .NET's telemetry and colours off, a work
#                                      folder in $work, removed on exit with the emulator stopped;
#                                      with set -e, a failing line is named ("<name>: failed at
#                                      <script> line N"), so a CI log never just ends
#   quiet <command...>                 runs a step without its output; on failure shows it (colours
#                                      removed) and says which step failed
#   npm_tools <folder>                 `npm ci` in the folder when its node_modules is missing or
#                                      older than its package-lock.json (the rule of build/lint-spec.sh)
#   emulator_credentials <label>       a fresh key and Base64 secret per run, exported as
#                                      SINCH_APPLICATION_KEY / SINCH_APPLICATION_SECRET (the CLI reads
#                                      the secret from there, which keeps it out of the process list)
#   emulator_start <log> [options...]  starts `sinch-verification emulator` (the Debug build) on a port
#                                      the OS picks, with the given CLI options; once it listens sets
#                                      emulator_api (the API base URL) and emulator_root (its origin,
#                                      with a trailing /); shows the log and returns 1 when it exits
#                                      first or does not listen within 30 s
#   emulator_stop                      stops it; safe to call twice, and from an EXIT trap
#
# The emulator runs from its dll rather than `dotnet run`, so that the recorded pid is the
# emulator and killing it leaves no child behind. Port 0 lets the OS choose; the CLI prints the
# URL it got once it listens, which is also the signal that it is ready.

check_name=check
work=""

check_begin() {
  check_name="$1"
  shift
  build=yes
  for arg in "$@"; do
    case "$arg" in
      --no-build) build=no ;;
      *) echo "usage: bash ${BASH_SOURCE[1]} [--no-build]" >&2; exit 2 ;;
    esac
  done
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 NO_COLOR=1
  work="$(mktemp -d)"
  trap 'emulator_stop; rm -rf "$work"' EXIT
  trap 'echo "$check_name: failed at ${BASH_SOURCE[0]} line $LINENO" >&2' ERR
}

quiet() {
  local log="$work/step.log"
  if ! "$@" >"$log" 2>&1; then
    sed 's/\x1b\[[0-9;]*m//g' "$log" >&2
    echo "$check_name: failed: $*" >&2
    return 1
  fi
}

npm_tools() {
  local folder="$1"
  if [ ! -f "$folder/node_modules/.package-lock.json" ] || [ "$folder/package-lock.json" -nt "$folder/node_modules/.package-lock.json" ]; then
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

emulator_dll=src/Sinch.Verification.Cli/bin/Debug/net10.0/sinch-verification.dll
emulator_pid=""
emulator_api=""
emulator_root=""

emulator_credentials() {
  export SINCH_APPLICATION_KEY="$1-$$"
  SINCH_APPLICATION_SECRET="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
  export SINCH_APPLICATION_SECRET
}

emulator_start() {
  local log="$1"
  shift
  if [ ! -f "$emulator_dll" ]; then
    echo "emulator: $emulator_dll is missing: build src/Sinch.Verification.Cli first" >&2
    return 1
  fi
  # The log exists before the emulator opens it: the first look at it may come first.
  : >"$log"
  dotnet "$emulator_dll" emulator --urls http://127.0.0.1:0 --key "$SINCH_APPLICATION_KEY" "$@" >>"$log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 300); do
    emulator_api="$(sed -n 's/^emulator API: \(http[^ ]*\) .*/\1/p' "$log" | head -n 1)"
    if [ -n "$emulator_api" ]; then
      emulator_root="${emulator_api%/verification/v1}/"
      return 0
    fi
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
      cat "$log" >&2
      echo "emulator: it exited before listening" >&2
      return 1
    fi
    sleep 0.1
  done
  cat "$log" >&2
  echo "emulator: it did not listen within 30 s" >&2
  return 1
}

emulator_stop() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true  # the CLI exits 130 on SIGTERM, as designed
  fi
  emulator_pid=""
}
