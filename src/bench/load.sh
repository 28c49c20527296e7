#!/usr/bin/env bash
# Load and connection probes (issue 21). Not part of ./mvnw verify.
#   bash src/bench/load.sh [mixed N] [idle N]     (default: mixed 200, idle 20000)
# Starts the packaged service on a 512 MB heap (port ${PORT:-18082}), runs the probes (src/bench/load/Load.java),
# and stops it. The idle probe needs an open-file limit above N (ulimit -n) for this shell.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-18082}
mixed=${MIXED:-200}
idle=${IDLE:-20000}
out=target/bench; mkdir -p "$out"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, ulimit -n $(ulimit -n), $(java -version 2>&1 | head -1)"
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
java -Xmx512m -Dquarkus.http.port=$port -Dpbm.decision-log.file=$out/load-decisions.log \
  -jar target/quarkus-app/quarkus-run.jar > "$out/load-app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -s -o /dev/null "localhost:$port/q/openapi" && break; sleep 0.5; done
echo "== $mixed concurrent mixed requests (grading, monitoring up to 20,000 projects, budget, disclosure), -Xmx512m"
java src/bench/load/Load.java mixed "$mixed" "$port"
echo "== $idle idle connections held"
java src/bench/load/Load.java idle "$idle" "$port"
grep -c "OutOfMemoryError" "$out/load-app.log" | sed 's/^/OutOfMemoryError lines in the service log: /' || true
