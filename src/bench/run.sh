#!/usr/bin/env bash
# Benchmarks (issue 7). One command: bash src/bench/run.sh [jmh|http|batch ...]  (default: all three)
# Prints every figure; copy them into BENCHMARKS.md with the date, the machine and this command.
# Not part of ./mvnw verify. Needs root (or wrk already installed) for the HTTP part.
# The service runs as shipped: the decision log on (one JSON line per decision on stdout, here appended to
# target/bench/app.log, which is emptied after each measurement). Environment: PBM_BENCH_PORT (default 18080),
# PBM_BENCH_JVM (extra JVM options, e.g. a JFR recording), HEAPS (batch heaps, default "512m default"),
# JMH_FILTER (the JMH benchmarks to run, a regular expression).
set -euo pipefail
cd "$(dirname "$0")/../.."
parts=("${@:-jmh http batch}")
parts=(${parts[@]})
out=target/bench
mkdir -p "$out"
port=${PBM_BENCH_PORT:-18080}
heaps=(${HEAPS:-512m default})

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"

./mvnw -B -q -Pbench package
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"

start_app() { # $1: extra JVM options
  : > "$out/app.log"
  java $1 ${PBM_BENCH_JVM:-} -Dquarkus.http.port=$port \
    -jar target/quarkus-app/quarkus-run.jar >> "$out/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "localhost:$port/q/openapi" && return 0; sleep 0.5; done
  echo "the application did not start"; cat "$out/app.log"; exit 1
}
stop_app() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
# The decision log of one measurement: its size, then emptied (the service appends, so truncating is safe).
log_done() {
  grep -m1 -E "OutOfMemoryError|Exception in" "$out/app.log" || true
  echo "   decision log: $(grep -c '"decisionId"' "$out/app.log" || true) lines, $(( $(stat -c %s "$out/app.log") / 1000000 )) MB"
  : > "$out/app.log"
}
# wrk against one endpoint: $1 connections, $2 path, $3 seconds, then the wrk options (script or body)
measure() {
  local c=$1 path=$2 secs=$3; shift 3
  local f="$out/wrk-$c-${path//[\/:]/_}${LABEL:+-$LABEL}.txt"
  wrk -t2 -c$c -d${secs}s --latency "$@" "http://localhost:$port$path" > "$f"
  rps=$(awk '/Requests\/sec/{print $2}' "$f")
  p50=$(awk '/^ +50%/{print $2}' "$f")
  p99=$(awk '/^ +99%/{print $2}' "$f")
  errors=$(grep -E "Non-2xx|Socket errors" "$f" || true)
  echo "connections=$c path=$path${LABEL:+ ($LABEL)} requests/s=$rps p50=$p50 p99=$p99 load=$(cut -d' ' -f1 /proc/loadavg) $errors"
  log_done
}

for part in "${parts[@]}"; do
case "$part" in
jmh)
  echo "== JMH: one decision in process (SampleTime, us/op; p0.50 is the median)"
  java -cp "$cp" org.openjdk.jmh.Main "${JMH_FILTER:-GradingBenchmark|KieOptionsBenchmark|MonitoringBenchmark}" \
    -jvmArgsAppend "-Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dlogging.configuration=file:$PWD/src/bench/resources/bench-logging.properties" \
    -rf json -rff "$out/jmh.json" 2>&1 | tee "$out/jmh.txt" | grep -E "^(Benchmark|[A-Za-z]+Benchmark\.[A-Za-z]+(:p0.50)? )" ;;
http)
  echo "== HTTP: every decision endpoint against the trivial /bench/echo (same JSON and validation as grading, no decision)"
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
  # monitoring of one project whose amounts were never seen before (the memo of answers misses on every call)
  cat > "$out/monitoring-unseen.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(seed * 7919 + os.time()) end
request = function()
  local executed = string.format("%d.%02d", math.random(0, 999999), math.random(0, 99))
  local actual = math.random(0, 200)
  return wrk.format(nil, nil, nil, '{"asOf": "2023-10-31", "projects": [{"projectId": "XY-2023-0001", '
    .. '"projectName": "农村道路养护", "department": "县交通运输局", "budget": 1000000.00, "executed": ' .. executed
    .. ', "directFunds": false, "implementationConditionsMet": true, "forecastYearEndExecuted": null, "targets": '
    .. '[{"name": "养护里程（公里）", "direction": "AT_LEAST", "expected": 100, "actual": ' .. actual .. '}]}]}')
end
LUA
  rm -f "$out/endpoints.txt"
  # one small request per endpoint (the first example of docs/*.md; monitoring: one project with one target)
  for body in src/bench/resources/http/*.json; do
    name=$(basename "$body" .json)
    case "$name" in
      self-evaluations-score-batch) path=/api/v1/self-evaluations/score:batch ;;
      self-evaluations-score) path=/api/v1/self-evaluations/score ;;
      monitoring-warnings) path=/api/v1/monitoring/warnings ;; grading-ex-ante) path=/api/v1/grading/ex-ante ;;
      project-library-admission) path=/api/v1/project-library/admission ;; disclosure-deadlines) path=/api/v1/disclosure/deadlines ;;
      rectifications-status) path=/api/v1/rectifications/status ;; targets-review) path=/api/v1/targets/review ;;
      budget-adjustments) path=/api/v1/budget-adjustments ;; coverage) path=/api/v1/coverage ;;
      *) echo "no endpoint for $body"; exit 2 ;;
    esac
    status=$(curl -s -o "$out/answer-$name.json" -w '%{http_code}' -X POST "localhost:$port$path" \
      -H 'Content-Type: application/json' --data-binary @"$body")
    [ "$status" = 200 ] || { echo "$path answered $status: $(cat "$out/answer-$name.json")"; exit 1; }
    body_json=$(tr -d '\n' < "$body" | sed 's/\\/\\\\/g; s/"/\\"/g')
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = "%s"\n' "$body_json" > "$out/$name.lua"
    echo "$path $out/$name.lua" >> "$out/endpoints.txt"
  done
  # warm-up (WARMUP seconds per path, default 30): at 10 s the floor measured first was 6,380 req/s and the same
  # floor measured last 10,092 (2026-12-02) - the shared stack was still being compiled when the first figure ran
  w=${WARMUP:-30}
  wrk -t2 -c16 -d${w}s -s "$out/post.lua" "http://localhost:$port/api/v1/grading/evaluation" > /dev/null
  wrk -t2 -c16 -d${w}s -s "$out/monitoring-warnings.lua" "http://localhost:$port/api/v1/monitoring/warnings" > /dev/null
  wrk -t2 -c16 -d${w}s -s "$out/monitoring-unseen.lua" "http://localhost:$port/api/v1/monitoring/warnings" > /dev/null
  wrk -t2 -c16 -d${w}s -s "$out/post.lua" "http://localhost:$port/bench/echo" > /dev/null
  : > "$out/app.log"
  for c in 16 64; do
    measure $c /bench/echo 20 -s "$out/post.lua"
    measure $c /api/v1/grading/evaluation 20 -s "$out/post.lua"
    measure $c /api/v1/monitoring/warnings 20 -s "$out/monitoring-warnings.lua"
    LABEL=unseen measure $c /api/v1/monitoring/warnings 20 -s "$out/monitoring-unseen.lua" # amounts never seen: no memo
  done
  echo "== every other decision endpoint, 16 connections (p99 target 10 ms), the floor measured again after them"
  while read -r path script; do
    case "$path" in /api/v1/monitoring/warnings) continue ;; esac
    wrk -t2 -c16 -d3s -s "$script" "http://localhost:$port$path" > /dev/null # warm-up
    measure 16 "$path" 10 -s "$script"
  done < "$out/endpoints.txt"
  measure 16 /bench/echo 10 -s "$out/post.lua"
  rm -f "$out/endpoints.txt"
  stop_app ;;
batch)
  echo "== Batch: 100,000 monitoring projects in one request"
  java -cp "$cp" cn.pbm.bench.MonitoringBatch write "$out/monitoring-100k.json" 100000
  for heap in "${heaps[@]}"; do
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
    stop_app
    log_done
    java -cp "$cp" cn.pbm.bench.MonitoringBatch check "$out/monitoring-100k-response.json" 100000 \
      | tee "$out/check-$heap.txt"
    expected=$(cat src/bench/resources/monitoring-100k.sha256)
    if grep -q "$expected" "$out/check-$heap.txt"; then
      echo "heap $heap: answers identical item for item to those of main before issue 19 (sha256 $expected)"
    else
      echo "heap $heap: ANSWERS DIFFER from those of main before issue 19 (expected sha256 $expected)"
    fi
  done ;;
*) echo "unknown part $part (jmh, http, batch)"; exit 2 ;;
esac
done
