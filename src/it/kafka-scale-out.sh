#!/usr/bin/env bash
# Opt-in scale-out check of the event bridge (docs/events.md), not part of ./mvnw verify.
#
# Starts a real Apache Kafka broker (KRaft, one node, loopback only, jars from Maven Central, no Docker), creates
# the topics with 4 partitions, starts two replicas of the built service in one consumer group, sends 10,000
# events keyed by 500 projects (every 4th a grading event, the others monitoring events; every 50th invalid),
# kills one replica (kill -9) halfway, and checks that every event was answered (decision or dead letter), each
# family's decisions on its own answer topic, none with two different decisions, per-key order kept per family,
# and that the surviving replica took all partitions. Its last line:
#   kafka scale-out: N events, N decisions, 0 lost, 0 duplicated, 0 out of order, 0 misrouted
#
# Usage: src/it/kafka-scale-out.sh [events] [projects]      (SKIP_BUILD=1 to use the jar already in target/)
# Ports: 19092 (broker), 19093 (controller), 8085 or $PORT_A (replica A), a random one (replica B).
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-10000}
PROJECTS=${2:-500}
IT=target/it
LIBS=$IT/kafka-libs
DATA=$IT/kafka-data
mkdir -p "$IT"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "building the service jar"
  ./mvnw -B -q package -DskipTests
fi
if [[ ! -d $LIBS ]]; then
  echo "fetching Apache Kafka (kafka_2.13) and its libraries from Maven Central"
  ./mvnw -B -q -f src/it/kafka-pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$LIBS"
fi
CP="$LIBS/*"
check() { java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" src/it/KafkaScaleOut.java "$@"; }

echo "starting a KRaft broker on 127.0.0.1:19092"
rm -rf "$DATA"
cat > $IT/server.properties <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:19093
listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093
advertised.listeners=PLAINTEXT://127.0.0.1:19092
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$PWD/$DATA
num.partitions=4
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
java -cp "$CP" kafka.tools.StorageTool format -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid)" \
  -c $IT/server.properties > $IT/kafka-format.log 2>&1
java -Xmx512m -cp "$CP" kafka.Kafka $IT/server.properties > $IT/kafka.log 2>&1 &
PIDS+=($!)
for i in $(seq 1 60); do
  (echo > /dev/tcp/127.0.0.1/19092) 2>/dev/null && break
  sleep 1
done
check topics

replica() { # name port
  java -Xmx768m -Dquarkus.http.port=$2 -Dpbm.events.enabled=true -Dkafka.bootstrap.servers=127.0.0.1:19092 \
    -Dpbm.events.source=urn:pbm:decision-service:replica-$1 -Dpbm.decision-log.file=$IT/decisions-$1.log \
    -Dpbm.decision-log.explanations=false \
    -Dmp.messaging.incoming.decision-requests.session.timeout.ms=10000 \
    -jar target/quarkus-app/quarkus-run.jar > $IT/replica-$1.log 2>&1 &
  echo $!
}
echo "starting two replicas in one consumer group"
A=$(replica a "${PORT_A:-8085}"); PIDS+=($A)
B=$(replica b 0); PIDS+=($B)
check members 2

echo "sending $EVENTS events keyed by $PROJECTS projects"
START=$(date +%s.%N)
check produce "$EVENTS" "$PROJECTS"
check await-answers $((EVENTS / 2))
HALF=$(date +%s.%N)
echo "killing replica a (kill -9, pid $A) halfway"
kill -9 "$A"
check members 1
set +e
check check "$EVENTS" > $IT/check.log
STATUS=$?
set -e
END=$(date +%s.%N)
head -n -1 $IT/check.log
echo "replica a decision-log lines: $(wc -l < $IT/decisions-a.log), replica b: $(wc -l < $IT/decisions-b.log)"
awk -v s="$START" -v h="$HALF" -v n="$EVENTS" \
  'BEGIN { printf "two replicas: the first %d events answered %.1f s after the first was sent: %.0f events/s\n", n / 2, h - s, n / 2 / (h - s) }'
awk -v s="$START" -v e="$END" -v n="$EVENTS" \
  'BEGIN { printf "elapsed %.1f s from the first event sent to the check done (includes a 5 s quiet wait and the takeover): %.0f events/s\n", e - s, n / (e - s) }'
tail -n 1 $IT/check.log
exit $STATUS
