#!/usr/bin/env bash
# Runs every benchmark of issues #6 and #25 and ends with these summary lines:
#   ratio client_vs_baseline time=… alloc=…        SDK vs hand-written HttpClient+Newtonsoft+signer (BenchmarkDotNet)
#   signing median_ns=… alloc_bytes=… naive_…      the signer vs a naive one (BenchmarkDotNet)
#   load emulator rps=… p99_ms=… errors=…          start+report+status through the SDK against the emulator, loopback
#   load prism rps=… p99_ms=… errors=…             start+status through the SDK against `prism mock` of the same spec
#   soak emulator requests=… rss_mb_first=… rss_mb_max=… p99_ms_first=… p99_ms_last=…
#                                                   signed SMS starts and reports against the CLI's emulator as its own
#                                                   process with --retention 00:00:10 --max-ended 20000: resident memory
#                                                   and p99 sampled every 100,000 requests (SoakDriver); goal: flat within
#                                                   20% of the first sample
#   guard in_process_us=… redis_us=…                what the verification guard adds to an allowed start (BenchmarkDotNet)
#   attack instances=N store=…  attack: …           demo attack with 1 and 3 instances, in process and on Redis
# usage: build/bench.sh [--quick]   (quick: short BenchmarkDotNet jobs and fewer requests; a few minutes on 2 cores)
# The soak run alone: 2,000,000 requests (1,000,000 verifications) take about 4 to 5 minutes on 2
# cores; quick mode runs 200,000 (under a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

quick=""
emulator_count=20000 prism_count=5000 soak_requests=2000000 concurrency=64
if [ "${1:-}" = "--quick" ]; then
  quick="--quick"; emulator_count=5000; prism_count=1000; soak_requests=200000
fi

out=artifacts/bench
mkdir -p "$out"

# Prism comes from its own pinned npm folder so the normal build does not download it.
if [ ! build/bench/node_modules/.package-lock.json -nt build/bench/package-lock.json ]; then
  (cd build/bench && npm ci --no-audit --no-fund --loglevel=error)
fi

dotnet build -c Release tests/Sinch.Verification.Generated.Benchmarks -v q -nologo
bench="dotnet tests/Sinch.Verification.Generated.Benchmarks/bin/Release/net10.0/Sinch.Verification.Generated.Benchmarks.dll"

# The guard's Redis rows and the shared attack runs need a real Redis: Debian's redis-server (.ci/run
# installs it), on a free loopback port for this run. Without one, those rows say n/a.
redis_pid=""
if command -v redis-server >/dev/null 2>&1; then
  redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 &
  redis_pid=$!
  trap 'kill "$redis_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$redis_port),1); s.sendall(b'PING\r\n'); sys.exit(0 if s.recv(16).startswith(b'+PONG') else 1)" 2>/dev/null && break
    sleep 0.1
  done
  export SINCH_GUARD_BENCH_REDIS="127.0.0.1:$redis_port"
fi
cleanup_redis() { if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; fi; }

echo "== micro-benchmarks (BenchmarkDotNet)"
$bench micro $quick | tee "$out/micro.txt"

echo "== load: emulator ($emulator_count verifications, concurrency $concurrency)"
$bench load-emulator "$emulator_count" "$concurrency" | tee "$out/load-emulator.txt"

echo "== load: prism ($prism_count start+status, concurrency $concurrency)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
build/bench/node_modules/.bin/prism mock -h 127.0.0.1 -p "$port" spec/sinch-verification.yaml > "$out/prism.log" 2>&1 &
prism=$!
trap 'kill $prism 2>/dev/null || true; cleanup_redis' EXIT
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$port/verifications/id/ready" && break
  sleep 0.5
done
$bench load-prism "http://127.0.0.1:$port/" "$prism_count" "$concurrency" | tee "$out/load-prism.txt"
kill $prism 2>/dev/null || true

dotnet build src/Sinch.Verification.Cli -c Release -v q -nologo
cli_dll=src/Sinch.Verification.Cli/bin/Release/net10.0/sinch-verification.dll
cli="dotnet $cli_dll"

echo "== soak: the CLI's emulator with --retention 00:00:10 --max-ended 20000, $soak_requests requests (start + report), concurrency $concurrency"
$bench soak-emulator "$cli_dll" "$soak_requests" "$concurrency" 00:00:10 20000 | tee "$out/soak-emulator.txt"

echo "== the guard against demo attack (share of the attack blocked, of the users verified)"
: > "$out/attack.txt"
for instances in 1 3; do
  echo "instances=$instances store=in-process $($cli demo attack --instances $instances | tail -n 1)" | tee -a "$out/attack.txt"
  if [ -n "${SINCH_GUARD_BENCH_REDIS:-}" ]; then
    echo "instances=$instances store=redis $($cli demo attack --instances $instances --redis "$SINCH_GUARD_BENCH_REDIS" | tail -n 1)" | tee -a "$out/attack.txt"
  fi
done
cleanup_redis

echo "== summary ($(nproc) cores, $(dotnet --version), $(date -u +%Y-%m-%dT%H:%MZ))"
grep -h '^ratio client_vs_baseline' "$out/micro.txt"
grep -h '^signing ' "$out/micro.txt"
grep -h '^guard ' "$out/micro.txt"
sed 's/^/attack /' "$out/attack.txt"
grep -h '^load emulator ' "$out/load-emulator.txt" | sed 's/ p50_ms=[0-9.]*//'
grep -h '^load prism ' "$out/load-prism.txt" | sed 's/ p50_ms=[0-9.]*//'
grep -h '^soak emulator ' "$out/soak-emulator.txt"
