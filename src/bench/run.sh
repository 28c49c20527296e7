#!/usr/bin/env bash
# Benchmarks (issue 7). One command: bash src/bench/run.sh [jmh|http|batch ...]  (default: all three)
# Prints every figure; copy them into BENCHMARKS.md with the date, the machine and this command.
# Not part of ./mvnw verify. Needs root (or wrk already installed) for the HTTP part.
set -euo pipefail
cd "$(dirname "$0")/../.."
parts=("${@:-jmh http batch}")
parts=(${parts[@]})
out=target/bench
mkdir -p "$out"
port=18080

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

./mvnw -B -q -Pbench package
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"

start_app() { # $1: extra JVM options
  java $1 -Dquarkus.http.port=$port -Dpbm.decision-log.enabled=false \
    -jar target/quarkus-app/quarkus-run.jar > "$out/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "localhost:$port/q/openapi" && return 0; sleep 0.5; done
  echo "the application did not start"; cat "$out/app.log"; exit 1
}
stop_app() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }

for part in "${parts[@]}"; do
case "$part" in
jmh)
  echo "== JMH: one decision in process (SampleTime, us/op; p0.50 is the median)"
  java -cp "$cp" org.openjdk.jmh.Main "GradingBenchmark|KieOptionsBenchmark|MonitoringBenchmark" \
    -jvmArgsAppend "-Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dlogging.configuration=file:$PWD/src/bench/resources/bench-logging.properties" \
    -rf json -rff "$out/jmh.json" 2>&1 | tee "$out/jmh.txt" | grep -E "^(Benchmark|[A-Za-z]+Benchmark\.[A-Za-z]+(:p0.50)? )" ;;
http)
  echo "== HTTP: /api/v1/grading/evaluation vs the trivial /bench/echo (same JSON, same validation)"
  if ! command -v wrk > /dev/null; then apt-get update -qq && apt-get install -y -qq wrk > /dev/null; fi
  start_app ""
  cat > "$out/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local scores = {"95", "85.5", "79.99", "60", "12.25", "90", "89.99", "100"}
local i = 0
request = function()
  i = i % #scores + 1
  return wrk.format(nil, nil, nil, '{"score": ' .. scores[i] .. '}')
end
LUA
  wrk -t2 -c16 -d10s -s "$out/post.lua" "http://localhost:$port/api/v1/grading/evaluation" > /dev/null # warm-up
  wrk -t2 -c16 -d10s -s "$out/post.lua" "http://localhost:$port/bench/echo" > /dev/null
  for c in 16 64; do
    for path in /bench/echo /api/v1/grading/evaluation; do
      wrk -t2 -c$c -d20s --latency -s "$out/post.lua" "http://localhost:$port$path" > "$out/wrk-$c-${path//\//_}.txt"
      rps=$(awk '/Requests\/sec/{print $2}' "$out/wrk-$c-${path//\//_}.txt")
      p50=$(awk '/^ +50%/{print $2}' "$out/wrk-$c-${path//\//_}.txt")
      p99=$(awk '/^ +99%/{print $2}' "$out/wrk-$c-${path//\//_}.txt")
      errors=$(grep -E "Non-2xx|Socket errors" "$out/wrk-$c-${path//\//_}.txt" || true)
      echo "connections=$c path=$path requests/s=$rps p50=$p50 p99=$p99 $errors"
    done
  done
  stop_app ;;
batch)
  echo "== Batch: 100,000 monitoring projects in one request"
  java -cp "$cp" cn.pbm.bench.MonitoringBatch write "$out/monitoring-100k.json" 100000
  for heap in default 512m 384m 256m; do
    if [ "$heap" = default ]; then start_app ""; else start_app "-Xmx$heap"; fi
    curl -s -o /dev/null -X POST "localhost:$port/api/v1/monitoring/warnings" -H 'Content-Type: application/json' \
      --data-binary @"$out/monitoring-100k.json" # warm-up
    jstat -gc "$app" 50 > "$out/jstat-$heap.txt" &
    sampler=$!
    for run in 1 2 3; do
      curl -s -o "$out/monitoring-100k-response.json" -w "heap $heap run $run: status=%{http_code} seconds=%{time_total}\n" \
        -X POST "localhost:$port/api/v1/monitoring/warnings" -H 'Content-Type: application/json' \
        --data-binary @"$out/monitoring-100k.json"
    done
    kill "$sampler"
    awk -v heap="$heap" 'NR>1 && $0 !~ /S0C/ {used=($3+$4+$6+$8)/1024; if (used>max) max=used; gct=$NF; if (first=="") first=gct} END {printf "heap %s: peak heap used (young+old, jstat) %.0f MB; GC time during the 3 runs %.1f s\n", heap, max, gct-first}' "$out/jstat-$heap.txt"
    grep -m1 "OutOfMemoryError" "$out/app.log" || true
    stop_app
    if [ "$heap" = 512m ]; then java -cp "$cp" cn.pbm.bench.MonitoringBatch check "$out/monitoring-100k-response.json" 100000; fi
  done ;;
*) echo "unknown part $part (jmh, http, batch)"; exit 2 ;;
esac
done
