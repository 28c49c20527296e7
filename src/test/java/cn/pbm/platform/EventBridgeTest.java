package cn.pbm.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

/**
 * The event bridge over the in-memory connector (the Kafka channels switched to it in the test profile):
 * valid, invalid, garbled, duplicate and ordered events, for monitoring and for grading. Every answer is
 * compared with what the REST endpoint answers for the same body: one decision path.
 */
@QuarkusTest
class EventBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Any
    InMemoryConnector connector;

    private TopicSource monitoringRequests;
    private TopicSink monitoringDecisions;
    private TopicSource gradingRequests;
    private TopicSink gradingDecisions;
    private InMemorySink<String> answers;
    private InMemorySink<String> deadLetters;
    private long logStart;

    /** One request channel for every family: a record says its topic as a Kafka record's metadata does. */
    private record TopicSource(InMemorySource<Message<String>> channel, String topic) {
        void send(Message<String> message) {
            channel.send(message.addMetadata(new IncomingKafkaRecordMetadata<>(
                    new ConsumerRecord<String, String>(topic, 0, 0L, null, message.getPayload()), "decision-requests")));
        }
    }

    /** One answer channel for every family: a family's answers are those sent to its topic. */
    private record TopicSink(InMemorySink<String> channel, String topic) {
        List<? extends Message<String>> received() {
            return channel.received().stream().filter(m -> topic.equals(m.getMetadata(OutgoingKafkaRecordMetadata.class)
                    .map(OutgoingKafkaRecordMetadata::getTopic).orElse(null))).toList();
        }
    }

    @BeforeEach
    void channels() throws Exception {
        InMemorySource<Message<String>> requests = connector.source("decision-requests");
        answers = connector.sink("decision-answers");
        monitoringRequests = new TopicSource(requests, "pbm.monitoring.requests");
        monitoringDecisions = new TopicSink(answers, "pbm.monitoring.decisions");
        gradingRequests = new TopicSource(requests, "pbm.grading.evaluation.requests");
        gradingDecisions = new TopicSink(answers, "pbm.grading.evaluation.decisions");
        deadLetters = connector.sink("dead-letter");
        answers.clear();
        deadLetters.clear();
        logStart = TestDecisionLog.end();
    }

    // --- monitoring ---

    private static ObjectNode project(String projectId, String executed) throws Exception {
        return (ObjectNode) JSON.readTree("{\"asOf\": \"2023-10-31\", \"projectId\": \"" + projectId + "\","
                + " \"projectName\": \"农村道路养护\", \"budget\": 1000000.00, \"executed\": " + executed + ","
                + " \"directFunds\": false, \"implementationConditionsMet\": true,"
                + " \"targets\": [{\"name\": \"养护里程（公里）\", \"direction\": \"AT_LEAST\", \"expected\": 100, \"actual\": 40}]}");
    }

    private static String event(String type, String id, JsonNode data) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0").put("id", id).put("source", "urn:test:budget-system").put("type", type)
                .put("datacontenttype", "application/json");
        event.set("data", data);
        return event.toString();
    }

    private static String monitoringEvent(String id, JsonNode data) {
        return event("cn.pbm.monitoring.request", id, data);
    }

    @Test
    void aMonitoringEventIsDecidedAsTheRestEndpointDecidesItsProject() throws Exception {
        ObjectNode data = project("XY-2023-0001", "0");
        String id = UUID.randomUUID().toString();
        monitoringRequests.send(Message.of(monitoringEvent(id, data)));
        waitFor(() -> monitoringDecisions.received().size() == 1);

        Message<String> answer = monitoringDecisions.received().get(0);
        JsonNode decision = JSON.readTree(answer.getPayload());
        assertThat(decision.path("specversion").asText()).isEqualTo("1.0");
        assertThat(decision.path("type").asText()).isEqualTo("cn.pbm.monitoring.decision");
        assertThat(decision.path("subject").asText()).isEqualTo("XY-2023-0001");
        assertThat(decision.path("requestid").asText()).isEqualTo(id);
        assertThat(decision.path("requestsource").asText()).isEqualTo("urn:test:budget-system");
        assertThat(key(answer)).isEqualTo("XY-2023-0001");
        assertThat(deadLetters.received()).isEmpty();

        // the REST endpoint's answer for the same project, field by field (the decision id aside)
        ObjectNode body = JSON.createObjectNode();
        body.set("asOf", data.get("asOf"));
        ObjectNode restProject = data.deepCopy();
        restProject.remove("asOf");
        body.putArray("projects").add(restProject);
        JsonNode rest = JSON.readTree(given().contentType("application/json").body(body.toString())
                .post("/api/v1/monitoring/warnings").then().statusCode(200).extract().asString());
        ObjectNode expected = ((ObjectNode) rest.path("results").get(0)).deepCopy();
        expected.set("ruleset", rest.get("ruleset"));
        ObjectNode got = ((ObjectNode) decision.get("data")).deepCopy();
        String decisionId = got.remove("decisionId").asText();
        assertThat(got).isEqualTo(expected);
        assertThat(got.path("light").asText()).isEqualTo("RED");

        // the decision id is the event's and the rule set's, and names one decision-log line
        List<RulesetRefs> used = List.of(new RulesetRefs(rest.path("ruleset").path("sha256").asText()));
        assertThat(decisionId).isEqualTo(decision.path("id").asText())
                .isEqualTo(expectedId("cn.pbm.monitoring.request", id, used));
        List<JsonNode> lines = logLines(decisionId);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("endpoint").asText()).isEqualTo("/api/v1/monitoring/warnings");
        assertThat(lines.get(0).path("input").path("projects").get(0).path("projectId").asText()).isEqualTo("XY-2023-0001");
        assertThat(lines.get(0).path("output").path("decisionId").asText()).isEqualTo(decisionId);
        // an auditor replays it like any REST decision
        given().header(cn.pbm.security.TestTokens.bearer(cn.pbm.security.TestTokens.token("auditor-in-test", "auditor"))).contentType("application/json").body(lines.get(0).toString()).post("/api/v1/decisions/replay")
                .then().statusCode(200).body("result", org.hamcrest.Matchers.equalTo("MATCH"))
                .body("decisionId", org.hamcrest.Matchers.equalTo(decisionId));
    }

    @Test
    void anInvalidMonitoringEventGoesToTheDeadLetterTopicWithTheProblemAndTheEvent() throws Exception {
        String id = UUID.randomUUID().toString();
        ObjectNode data = project("XY-BAD-1", "2000000");
        String event = monitoringEvent(id, data);
        monitoringRequests.send(Message.of(event));
        ObjectNode noBudget = project("XY-BAD-2", "0");
        noBudget.remove("budget");
        noBudget.remove("asOf");
        monitoringRequests.send(Message.of(monitoringEvent(UUID.randomUUID().toString(), noBudget)));
        waitFor(() -> deadLetters.received().size() == 2);

        Message<String> letter = deadLetters.received().get(0);
        JsonNode dead = JSON.readTree(letter.getPayload());
        assertThat(dead.path("type").asText()).isEqualTo("cn.pbm.event.rejected");
        assertThat(dead.path("requestid").asText()).isEqualTo(id);
        assertThat(key(letter)).isEqualTo("XY-BAD-1");
        assertThat(dead.path("data").path("event")).isEqualTo(JSON.readTree(event));
        JsonNode problem = dead.path("data").path("problem");
        assertThat(problem.path("type").asText()).isEqualTo("urn:pbm:problem:invalid-request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("/data/executed");
        assertThat(problem.path("errors").get(0).path("message").asText()).isEqualTo("must not be above budget");

        JsonNode second = JSON.readTree(deadLetters.received().get(1).getPayload()).path("data").path("problem");
        assertThat(second.path("errors").findValuesAsText("field")).containsExactly("/data/asOf", "/data/budget");
        assertThat(monitoringDecisions.received()).isEmpty();
    }

    @Test
    void aGarbledOrUnknownEnvelopeIsDeadLetteredNotDropped() throws Exception {
        monitoringRequests.send(Message.of("not json {"));
        monitoringRequests.send(Message.of(event("cn.pbm.grading.evaluation.request", "x-1",
                project("XY-WRONG-TYPE", "0"))));
        ObjectNode noId = (ObjectNode) JSON.readTree(monitoringEvent("x-2", project("XY-NO-ID", "0")));
        noId.remove("id");
        noId.put("specversion", "0.3");
        monitoringRequests.send(Message.of(noId.toString()));
        monitoringRequests.send(Message.of("[]"));
        waitFor(() -> deadLetters.received().size() == 4);

        List<JsonNode> letters = payloads(deadLetters);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.path("type").asText()).isEqualTo("cn.pbm.event.rejected");
            assertThat(letter.path("data").path("problem").path("type").asText()).isEqualTo("urn:pbm:problem:invalid-event");
        });
        assertThat(letters.get(0).path("data").path("event").asText()).isEqualTo("not json {");
        assertThat(letters.get(0).path("data").path("problem").path("errors").get(0).path("message").asText())
                .startsWith("malformed JSON");
        assertThat(letters.get(1).path("data").path("problem").path("errors").findValuesAsText("field"))
                .containsExactly("/type");
        assertThat(letters.get(2).path("data").path("problem").path("errors").findValuesAsText("field"))
                .containsExactly("/specversion", "/id");
        assertThat(letters.get(3).path("data").path("problem").path("errors").findValuesAsText("field"))
                .containsExactly("");
        assertThat(monitoringDecisions.received()).isEmpty();
    }

    @Test
    void aRedeliveredMonitoringEventGetsTheSameDecisionAndNoSecondLogLine() throws Exception {
        String id = UUID.randomUUID().toString();
        String event = monitoringEvent(id, project("XY-DUP-1", "500000"));
        monitoringRequests.send(Message.of(event));
        monitoringRequests.send(Message.of(event));
        waitFor(() -> monitoringDecisions.received().size() == 2);

        List<JsonNode> answers = payloads(monitoringDecisions);
        assertThat(answers.get(1)).isEqualTo(answers.get(0)); // the very answer, time included
        String decisionId = answers.get(0).path("data").path("decisionId").asText();
        assertThat(logLines(decisionId)).hasSize(1);

        // the same id with other data is not a redelivery
        monitoringRequests.send(Message.of(monitoringEvent(id, project("XY-DUP-1", "600000"))));
        waitFor(() -> deadLetters.received().size() == 1);
        JsonNode problem = payloads(deadLetters).get(0).path("data").path("problem");
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("/id");
        assertThat(monitoringDecisions.received()).hasSize(2);
    }

    @Test
    void monitoringAnswersLeaveInArrivalOrderPerKey() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = "order-" + UUID.randomUUID();
            sent.add(id);
            monitoringRequests.send(Message.of(monitoringEvent(id, project("XY-ORD-" + (i % 3), String.valueOf(i * 10000)))));
        }
        waitFor(() -> monitoringDecisions.received().size() == 60);
        List<JsonNode> answers = payloads(monitoringDecisions);
        assertThat(answers.stream().map(a -> a.path("requestid").asText()).toList()).isEqualTo(sent);
        for (int i = 0; i < 60; i++) {
            assertThat(answers.get(i).path("subject").asText()).isEqualTo("XY-ORD-" + (i % 3));
            assertThat(answers.get(i).path("data").path("executionRate").decimalValue())
                    .isEqualByComparingTo(new java.math.BigDecimal(i).divide(new java.math.BigDecimal(100)));
        }
    }

    // --- grading ---

    private static String gradingEvent(String id, String projectId, String score) throws Exception {
        return event("cn.pbm.grading.evaluation.request", id,
                JSON.readTree("{\"projectId\": \"" + projectId + "\", \"score\": " + score + "}"));
    }

    @Test
    void aGradingEventIsDecidedAsTheRestEndpointDecidesIt() throws Exception {
        String id = UUID.randomUUID().toString();
        gradingRequests.send(Message.of(gradingEvent(id, "XY-G-1", "85")));
        waitFor(() -> gradingDecisions.received().size() == 1);
        Message<String> answer = gradingDecisions.received().get(0);
        JsonNode decision = JSON.readTree(answer.getPayload());
        assertThat(decision.path("type").asText()).isEqualTo("cn.pbm.grading.evaluation.decision");
        assertThat(key(answer)).isEqualTo("XY-G-1");

        JsonNode rest = JSON.readTree(given().contentType("application/json").body("{\"score\": 85}")
                .post("/api/v1/grading/evaluation").then().statusCode(200).extract().asString());
        ObjectNode expected = ((ObjectNode) rest).deepCopy();
        expected.remove("decisionId");
        expected.put("projectId", "XY-G-1");
        ObjectNode got = ((ObjectNode) decision.get("data")).deepCopy();
        String decisionId = got.remove("decisionId").asText();
        assertThat(got).isEqualTo(expected);
        assertThat(got.path("grade").asText()).isEqualTo("GOOD");
        assertThat(decisionId).isEqualTo(expectedId("cn.pbm.grading.evaluation.request", id,
                List.of(new RulesetRefs(rest.path("ruleset").path("sha256").asText()))));
        assertThat(logLines(decisionId)).hasSize(1);
    }

    @Test
    void invalidGradingEventsAreDeadLettered() throws Exception {
        gradingRequests.send(Message.of(gradingEvent(UUID.randomUUID().toString(), "XY-G-2", "100.5")));
        gradingRequests.send(Message.of(gradingEvent(UUID.randomUUID().toString(), "XY-G-3", "\"85\"")));
        gradingRequests.send(Message.of(event("cn.pbm.grading.evaluation.request", UUID.randomUUID().toString(),
                JSON.readTree("{\"score\": 85}"))));
        gradingRequests.send(Message.of(event("cn.pbm.grading.evaluation.request", UUID.randomUUID().toString(),
                JSON.readTree("{\"projectId\": \"XY-G-4\", \"score\": 85, \"comment\": \"x\"}"))));
        waitFor(() -> deadLetters.received().size() == 4);
        List<JsonNode> problems = payloads(deadLetters).stream().map(l -> l.path("data").path("problem")).toList();
        assertThat(problems.get(0).path("errors").get(0).path("field").asText()).isEqualTo("/data/score");
        assertThat(problems.get(1).path("errors").get(0).path("field").asText()).isEqualTo("/data/score");
        assertThat(problems.get(2).path("errors").get(0).path("field").asText()).isEqualTo("/data/projectId");
        assertThat(problems.get(3).path("errors").get(0).path("field").asText()).isEqualTo("/data/comment");
        assertThat(problems.get(3).path("errors").get(0).path("message").asText()).contains("unknown field");
        assertThat(problems).allSatisfy(p -> assertThat(p.path("status").asInt()).isEqualTo(400));
        assertThat(gradingDecisions.received()).isEmpty();
    }

    @Test
    void aRedeliveredGradingEventGetsTheSameDecision() throws Exception {
        String event = gradingEvent(UUID.randomUUID().toString(), "XY-G-5", "59.99");
        gradingRequests.send(Message.of(event));
        gradingRequests.send(Message.of(event));
        waitFor(() -> gradingDecisions.received().size() == 2);
        List<JsonNode> answers = payloads(gradingDecisions);
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(answers.get(0).path("data").path("grade").asText()).isEqualTo("POOR");
        assertThat(logLines(answers.get(0).path("data").path("decisionId").asText())).hasSize(1);
    }

    @Test
    void gradingAnswersLeaveInArrivalOrder() throws Exception {
        List<String> sent = new ArrayList<>();
        List<String> grades = new ArrayList<>();
        String[][] scores = {{"95", "EXCELLENT"}, {"85", "GOOD"}, {"65", "FAIR"}, {"30", "POOR"}};
        for (int i = 0; i < 40; i++) {
            String id = "g-order-" + UUID.randomUUID();
            sent.add(id);
            grades.add(scores[i % 4][1]);
            gradingRequests.send(Message.of(gradingEvent(id, "XY-GO-" + (i % 2), scores[i % 4][0])));
        }
        waitFor(() -> gradingDecisions.received().size() == 40);
        List<JsonNode> answers = payloads(gradingDecisions);
        assertThat(answers.stream().map(a -> a.path("requestid").asText()).toList()).isEqualTo(sent);
        assertThat(answers.stream().map(a -> a.path("data").path("grade").asText()).toList()).isEqualTo(grades);
        // each event is its own call: its log line explains its own one table, not its predecessors'
        for (JsonNode answer : answers.subList(answers.size() - 3, answers.size())) {
            List<JsonNode> lines = logLines(answer.path("data").path("decisionId").asText());
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).path("explanation").path("tables")).hasSize(1);
            assertThat(lines.get(0).path("input").path("score")).isNotNull();
        }
    }

    // --- one consumer, one producer, every family ---

    @Test
    void bothFamiliesShareOneConsumerAndEachIsAnsweredOnItsOwnTopicInArrivalOrder() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "mixed-" + UUID.randomUUID();
            sent.add(id);
            if (i % 2 == 0) {
                monitoringRequests.send(Message.of(monitoringEvent(id, project("XY-MIX-" + (i % 3), "0"))));
            } else {
                gradingRequests.send(Message.of(gradingEvent(id, "XY-MIX-" + (i % 3), "85")));
            }
        }
        waitFor(() -> answers.received().size() == 20);
        // one worker, one producer: the answers leave in the order the one consumer read the requests
        List<? extends Message<String>> all = answers.received();
        assertThat(payloads(all).stream().map(a -> a.path("requestid").asText()).toList()).isEqualTo(sent);
        for (int i = 0; i < 20; i++) {
            Message<String> answer = all.get(i);
            OutgoingKafkaRecordMetadata<?> kafka = answer.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
            JsonNode payload = JSON.readTree(answer.getPayload());
            boolean monitoring = i % 2 == 0;
            assertThat(kafka.getTopic()).isEqualTo(monitoring ? "pbm.monitoring.decisions" : "pbm.grading.evaluation.decisions");
            assertThat(payload.path("type").asText())
                    .isEqualTo(monitoring ? "cn.pbm.monitoring.decision" : "cn.pbm.grading.evaluation.decision");
            assertThat(kafka.getKey()).isEqualTo("XY-MIX-" + (i % 3));
            assertThat(new String(kafka.getHeaders().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("application/cloudevents+json; charset=UTF-8");
        }
        assertThat(deadLetters.received()).isEmpty();
    }

    @Test
    void aRecordOfATopicNoFamilyTakesIsDeadLetteredNotDropped() throws Exception {
        new TopicSource(connector.source("decision-requests"), "pbm.unknown.requests")
                .send(Message.of(monitoringEvent("x-unknown", project("XY-UNKNOWN", "0"))));
        waitFor(() -> deadLetters.received().size() == 1);
        JsonNode letter = payloads(deadLetters).get(0);
        assertThat(letter.path("type").asText()).isEqualTo("cn.pbm.event.rejected");
        assertThat(letter.path("data").path("problem").path("type").asText()).isEqualTo("urn:pbm:problem:invalid-event");
        assertThat(letter.path("data").path("topic").asText()).isEqualTo("pbm.unknown.requests");
        assertThat(letter.path("data").path("event").asText()).contains("XY-UNKNOWN");
        assertThat(answers.received()).isEmpty();
    }

    @Inject
    PbmConfig config;

    /** Every configured family's request topic is one the one consumer reads. */
    @Test
    void everyFamilysRequestTopicIsReadByTheOneConsumer() {
        List<String> topics = List.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.decision-requests.topics", String.class).split(","));
        assertThat(config.events().families()).containsOnlyKeys("warning", "grading");
        assertThat(config.events().families().values().stream().map(PbmConfig.EventFamily::requestTopic).toList())
                .containsExactlyInAnyOrderElementsOf(topics);
    }

    /** The decision ids shown in docs/events.md are the ones the bridge derives for those events. */
    @Test
    void theDecisionIdsInTheIntegratorsDocsAreDerivedFromTheEventAndTheRuleset() throws Exception {
        String docs = Files.readString(Path.of("docs/events.md"));
        String monitoring = EventBridge.decisionId("cn.pbm.monitoring.request", "urn:gov:nx:zw:budget-system",
                "9b1f6c1e-0d3c-4c55-9d87-2f0d8a3c5e11", List.of(new cn.pbm.api.model.RulesetRef()
                        .sha256("60c24ed7edccf41e5aaa9e460e0ac717a4cfe680ea15bc7c9ee2d0fe96ffebc6"))).toString();
        String grading = EventBridge.decisionId("cn.pbm.grading.evaluation.request", "urn:gov:nx:zw:budget-system",
                "grade-2025-000173", List.of(new cn.pbm.api.model.RulesetRef()
                        .sha256("b347e303790070421e4e0ee73908c8d30f2e0182bf836ca4cecc6765eaa0cc20"))).toString();
        assertThat(docs).contains("\"decisionId\": \"" + monitoring + "\"").contains("\"decisionId\": \"" + grading + "\"");
    }

    // --- the dedup window ---

    @Test
    void theDedupWindowIsBoundedBySizeAndAge() {
        EventWindow bySize = new EventWindow(2, Duration.ofHours(1));
        for (String id : List.of("a", "b", "c")) {
            bySize.remember(id, new EventWindow.Sent("h", false, "k", id, System.nanoTime()));
        }
        assertThat(bySize.recall("a")).isEmpty();
        assertThat(bySize.recall("b")).isPresent();
        assertThat(bySize.recall("c")).isPresent();

        EventWindow byAge = new EventWindow(100, Duration.ofMillis(1));
        byAge.remember("a", new EventWindow.Sent("h", false, "k", "a", System.nanoTime() - 5_000_000));
        assertThat(byAge.recall("a")).isEmpty();
    }

    // --- helpers ---

    private record RulesetRefs(String sha256) {
    }

    private static String expectedId(String type, String eventId, List<RulesetRefs> rulesets) {
        return EventBridge.decisionId(type, "urn:test:budget-system", eventId, rulesets.stream()
                .map(r -> new cn.pbm.api.model.RulesetRef().sha256(r.sha256())).toList()).toString();
    }

    private static String key(Message<String> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).map(m -> String.valueOf(m.getKey())).orElse(null);
    }

    private static List<JsonNode> payloads(InMemorySink<String> sink) throws Exception {
        return payloads(sink.received());
    }

    private static List<JsonNode> payloads(TopicSink sink) throws Exception {
        return payloads(sink.received());
    }

    private static List<JsonNode> payloads(List<? extends Message<String>> received) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (Message<String> message : received) {
            nodes.add(JSON.readTree(message.getPayload()));
        }
        return nodes;
    }

    private List<JsonNode> logLines(String decisionId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String line : TestDecisionLog.linesOf(logStart, decisionId)) {
            found.add(JSON.readTree(line));
        }
        return found;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the bridge");
            }
            Thread.sleep(20);
        }
        Thread.sleep(100); // nothing more arrives than expected
    }
}
