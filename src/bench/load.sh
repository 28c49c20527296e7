#!/usr/bin/env bash
# Load and connection probes (issue 21). Not part of ./mvnw verify.
#   bash src/bench/load.sh                 MIXED=200 IDLE=20000 HOLD=40 PORT=18082 KEEP_JAR= JAR= SERVICE_OPTS= (environment)
# Starts the packaged service on a 512 MB heap, runs the probes (src/bench/load/Load.java), and stops it.
# The jar is rebuilt when any source is newer than it (an old jar measures old settings).
# The idle probe holds IDLE connections from this shell and the service holds as many: the open-file limit is
# raised to 65536 for both if the shell may (root, or a hard limit that high); otherwise the service lowers its
# connection limit to its own file limit (logged) and the probe says what it could open.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-18082}
mixed=${MIXED:-200}
idle=${IDLE:-20000}
hold=${HOLD:-40}
out=target/bench; mkdir -p "$out"
jar=${JAR:-target/quarkus-app/quarkus-run.jar}   # JAR=a copy of quarkus-app elsewhere: a build may run meanwhile
if [ ! -f $jar ] || { [ -z "${KEEP_JAR:-}${JAR:-}" ] && [ -n "$(find src/main dmn decisions pom.xml -newer $jar -print -quit)" ]; }; then
  ./mvnw -B -q package -DskipTests
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), ulimit -n $(ulimit -n), $(java -version 2>&1 | head -1)"
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src/main 2>/dev/null || echo ' (+ uncommitted changes)')"
java -Xmx512m ${SERVICE_OPTS:-} -Dquarkus.http.port=$port -Dpbm.decision-log.file=$out/load-decisions.log \
  -jar $jar > "$out/load-app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 480); do curl -s -o /dev/null "localhost:$port/q/openapi" && break; sleep 0.5; done
grep -o "Connections: .*" "$out/load-app.log" || true
live() { jcmd $app GC.class_histogram 2>/dev/null | awk '/^Total/{printf "%.1f MB live heap (%d objects)\n", $3/1048576, $2}'; }
if [ "$mixed" != 0 ]; then
  echo "== $mixed concurrent mixed requests (grading, monitoring up to 20,000 projects, budget, disclosure), -Xmx512m"
  java src/bench/load/Load.java mixed "$mixed" "$port" || echo "(mixed: some requests failed)"
fi
if [ "$idle" != 0 ]; then
  echo "== $idle idle connections held (two client processes: one process may not hold more than its file limit)"
  echo "before: $(live)"
  java src/bench/load/Load.java hold $((idle / 2)) "$port" > "$out/load-hold.txt" 2>&1 &
  holder=$!
  for _ in $(seq 1 600); do grep -q HELD "$out/load-hold.txt" && break; sleep 0.5; done
  cat "$out/load-hold.txt"
  java -Dhold.seconds=$hold src/bench/load/Load.java idle $((idle - idle / 2)) "$port" > "$out/load-idle.txt" 2>&1 &
  probe=$!
  for _ in $(seq 1 600); do grep -q HOLDING "$out/load-idle.txt" && break; sleep 0.5; done
  echo "while held: $(live)"
  wait $probe || true
  kill $holder 2>/dev/null || true
  grep -v HOLDING "$out/load-idle.txt"
fi
grep -c "OutOfMemoryError" "$out/load-app.log" | sed 's/^/OutOfMemoryError lines in the service log: /' || true
