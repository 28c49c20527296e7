package cn.pbm.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.model.DecisionLogEntry;
import cn.pbm.api.model.Explanation;
import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.Problem;
import cn.pbm.api.model.RulesetRef;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;

/**
 * Decisions on events (Kafka, CloudEvents in structured JSON mode): one request event, one project, is turned
 * into the body the REST endpoint takes, validated and decided by the very service method behind that
 * endpoint, and answered on the family's decision topic, or, if anything is wrong with it, on the dead-letter
 * topic with the problem+json body the REST endpoint would have answered and the original event. Nothing is
 * dropped: the request is acknowledged (its offset committed) only once its answer is acknowledged by the broker.
 *
 * <p>The decision id of an event's answer is derived from the event's identity ({@code source}, {@code id}) and
 * the hashes of the rule sets that decided: the same event decided twice, on this replica or on another after a
 * rebalance, gets the same decision id. Within this replica's {@link EventWindow} a redelivered event is not
 * decided again: the answer sent the first time is sent again, and no second decision-log line is written.
 *
 * <p>One consumer serves every family: its channel ({@code decision-requests}) reads every family's request
 * topic, and each record goes to the {@link Family} registered for the topic it was read from (its
 * {@code pbm.events.families.<family>.request-topic}). It runs on a worker thread, one event after another, so
 * the answers for one key (the project id) of one family leave in the order the requests arrived. One producer
 * ({@code decision-answers}) sends every family's answers, each to its family's answer topic.
 */
@ApplicationScoped
public class EventBridge {

    static final String CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8";
    public static final String REJECTED_TYPE = "cn.pbm.event.rejected";
    /** Answers sent and not yet acknowledged by the broker; a full window holds the consumer back. */
    static final int MAX_IN_FLIGHT = 256;

    private final ObjectMapper mapper;
    private final DecisionLog log;
    private final DecisionRecord record;
    @jakarta.inject.Inject
    Evaluations evaluations;
    @jakarta.inject.Inject
    DecisionEnvelopes envelopes;
    private final LongLists longLists;
    private final EventWindow window;
    private final Emitter<String> answers;
    private final Emitter<String> deadLetters;
    /** The family of each request topic. */
    private final Map<String, Family<?>> families;
    private final boolean logExplanations;
    private final String source;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    public EventBridge(ObjectMapper mapper, DecisionLog log, DecisionRecord record, LongLists longLists,
            EventWindow window, @Channel("decision-answers") Emitter<String> answers,
            @Channel("dead-letter") Emitter<String> deadLetters, PbmConfig config, @Any Instance<Family<?>> families) {
        boolean logExplanations = config.decisionLog().explanations();
        String source = config.events().source();
        // trees keep numbers as written (0.2500 stays 0.2500): an answer reads exactly as the REST answer does
        this.mapper = mapper.copy().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        this.log = log;
        this.record = record;
        this.longLists = longLists;
        this.window = window;
        this.answers = answers;
        this.deadLetters = deadLetters;
        this.families = register(families, config.events().families());
        this.logExplanations = logExplanations;
        this.source = source;
    }

    /** The JSON mapper of event payloads: the service's, with trees that keep decimals exactly as written. */
    public ObjectMapper json() {
        return mapper;
    }

    /**
     * Each family's events class by its request topic; every events class has its configuration and every
     * configured family its class, or the service does not start.
     */
    private Map<String, Family<?>> register(Iterable<Family<?>> beans, Map<String, PbmConfig.EventFamily> configured) {
        Map<String, Family<?>> byTopic = new HashMap<>();
        Set<String> named = new HashSet<>();
        for (Family<?> family : beans) {
            PbmConfig.EventFamily events = configured.get(family.name());
            if (events == null) {
                throw new IllegalStateException(family.getClass().getName() + " decides events, but pbm.events.families."
                        + family.name() + ".* is not configured");
            }
            family.attach(events, mapper);
            Family<?> other = byTopic.put(events.requestTopic(), family);
            if (other != null) {
                throw new IllegalStateException("families " + other.name() + " and " + family.name()
                        + " both take requests from " + events.requestTopic());
            }
            named.add(family.name());
        }
        for (String name : configured.keySet()) {
            if (!named.contains(name)) {
                throw new IllegalStateException("pbm.events.families." + name + ".* is configured, but cn.pbm." + name
                        + " has no events class (an EventBridge.Family bean)");
            }
        }
        return Map.copyOf(byTopic);
    }

    /**
     * What a family adds to the bridge: how one event's data meets its REST endpoint. Its topics, event types and
     * endpoint are configuration ({@code pbm.events.families.<family>.*}, the family named as its Java package);
     * the bridge consumes and answers for it.
     */
    public abstract static class Family<B> {

        private final Class<B> bodyType;
        private final Function<B, ?> decision;
        private PbmConfig.EventFamily events;
        private ObjectMapper json;

        /**
         * @param bodyType the REST endpoint's request body
         * @param decision the REST endpoint's own method, without an explanation: the body to the REST answer
         */
        protected Family(Class<B> bodyType, Function<B, ?> decision) {
            this.bodyType = bodyType;
            this.decision = decision;
        }

        /** The family's name, its package's ({@code cn.pbm.grading} → {@code grading}): its configuration's key. */
        final String name() {
            String pkg = getClass().getPackageName();
            return pkg.substring(pkg.lastIndexOf('.') + 1);
        }

        final void attach(PbmConfig.EventFamily events, ObjectMapper json) {
            this.events = events;
            this.json = json;
        }

        /** The JSON mapper of event payloads ({@link EventBridge#json()}). */
        protected ObjectMapper json() {
            return json;
        }

        String requestType() {
            return events.requestType();
        }

        String decisionType() {
            return events.answerType();
        }

        String answerTopic() {
            return events.answerTopic();
        }

        String endpoint() {
            return events.endpoint();
        }

        /** The REST body, as JSON, for one event's data (a copy the family may change). */
        protected abstract JsonNode body(ObjectNode data);

        /** The REST body for one event's data; JSON errors name REST pointers. */
        final B read(ObjectNode data) throws JsonProcessingException {
            return json.treeToValue(body(data), bodyType);
        }

        /** Decides the body with the REST endpoint's own method; returns the REST answer. */
        final Object decide(Object body) {
            return decision.apply(bodyType.cast(body));
        }

        /** The answer's data: the REST answer for the event's one project, with decisionId and ruleset. */
        protected abstract ObjectNode answer(Object restAnswer);

        /**
         * A JSON pointer into the REST body as a pointer into the event: under {@code /data}
         * ({@code /projects/0/budget} → {@code /data/budget} where the body's list is made of the one event).
         */
        protected String pointer(String restPointer) {
            return "/data" + restPointer;
        }
    }

    /**
     * Every family's request events, one after another on a worker thread: the family is the one of the topic
     * the record was read from. A record of a topic no family takes is dead-lettered.
     */
    @Incoming("decision-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> onRequest(Message<String> request) {
        Optional<IncomingKafkaRecordMetadata> kafka = request.getMetadata(IncomingKafkaRecordMetadata.class);
        String topic = kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse(null);
        Family<?> family = topic == null ? null : families.get(topic);
        if (family == null) {
            Problem problem = problem(400, "invalid-event", "Invalid event", "No family takes events from topic "
                    + topic + ".", List.of(Problems.field("", "no family takes events from this topic")));
            String key = kafka.map(m -> m.getKey() == null ? null : String.valueOf(m.getKey())).orElse(null);
            return send(request, null, key, deadLetter(null, kafka, request.getPayload(), null, null, problem));
        }
        return handle(request, family);
    }

    /**
     * Handles one request event: decides it, or dead-letters it, or (a redelivery within the window) answers
     * it as before. Returns at once; the request is acknowledged when its answer is.
     */
    private CompletionStage<Void> handle(Message<String> in, Family<?> family) {
        String raw = in.getPayload();
        Optional<IncomingKafkaRecordMetadata> kafka = in.getMetadata(IncomingKafkaRecordMetadata.class);
        String kafkaKey = kafka.map(m -> m.getKey() == null ? null : String.valueOf(m.getKey())).orElse(null);
        JsonNode event;
        try {
            if (raw == null) {
                throw new InvalidRequestException("", "an empty record (tombstone) is not an event");
            }
            event = mapper.readTree(raw);
            if (event == null || event.isMissingNode()) {
                throw new InvalidRequestException("", "an empty record is not an event");
            }
        } catch (JsonProcessingException | InvalidRequestException e) {
            Problem problem = invalidEvent(e instanceof JsonProcessingException json
                    ? (Problem) new ProblemMappers().invalidJson(json).getEntity()
                    : problemOf(e), "The record is not a CloudEvent in structured JSON mode.");
            return send(in, null, kafkaKey, deadLetter(family.requestType(), kafka, raw, null, null, problem));
        }
        List<FieldError> envelopeErrors = envelope(event, family);
        String projectId = event.path("data").path("projectId").isTextual()
                ? event.path("data").path("projectId").asText() : null;
        String key = kafkaKey != null ? kafkaKey : projectId;
        if (!envelopeErrors.isEmpty()) {
            Problem problem = problem(400, "invalid-event", "Invalid event",
                    "The record is not a " + family.requestType() + " CloudEvent.", envelopeErrors);
            return send(in, null, key, deadLetter(family.requestType(), kafka, raw, event, projectId, problem));
        }
        String eventSource = event.get("source").asText();
        String eventId = event.get("id").asText();
        String identity = family.requestType() + "\n" + eventSource + "\n" + eventId;
        ObjectNode data = (ObjectNode) event.get("data");
        String dataHash = sha256(data.toString());

        Optional<EventWindow.Sent> earlier = window.recall(identity);
        if (earlier.isPresent()) {
            EventWindow.Sent sent = earlier.get();
            if (sent.dataHash().equals(dataHash)) { // a redelivery: the same answer, not a second decision
                return send(in, sent.deadLetter() ? null : family, sent.key(), sent.payload());
            }
            Problem problem = problem(409, "conflicting-event", "Conflicting event",
                    "An event with this source and id and other data was answered already.",
                    List.of(Problems.field("/id", "already used by an event with other data")));
            return send(in, null, key, deadLetter(family.requestType(), kafka, raw, event, projectId, problem));
        }

        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        EventWindow.Sent answer;
        try {
            answer = decide(family, kafka, raw, event, data, projectId, key, eventSource, eventId, dataHash);
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }
        window.remember(identity, answer);
        return send(in, answer.deadLetter() ? null : family, answer.key(), answer.payload());
    }

    private EventWindow.Sent decide(Family<?> family, Optional<IncomingKafkaRecordMetadata> kafka, String raw,
            JsonNode event, ObjectNode data, String projectId, String key, String eventSource, String eventId,
            String dataHash) {
        if (logExplanations && log.enabled()) {
            record.explainForLog();
        }
        Object body = null;
        try {
            body = family.read(data.deepCopy());
            List<FieldError> violations = longLists.violations(body, "");
            if (!violations.isEmpty()) {
                throw new ContractViolationException(violations);
            }
            Object restAnswer = family.decide(body);
            Decision decision = evaluations.decision();
            UUID decisionId = decisionId(family.requestType(), eventSource, eventId, decision.rulesets());
            envelopes.fill(restAnswer, family.endpoint(), decisionId, decision);
            ObjectNode output = mapper.valueToTree(restAnswer);
            ObjectNode answerData = family.answer(restAnswer);
            if (projectId != null && !answerData.has("projectId")) {
                answerData.put("projectId", projectId);
            }
            if (log.enabled()) {
                Explanation explanation = record.explaining() ? decision.explanation() : null;
                log.write(new DecisionLogEntry()
                        .decisionId(decisionId)
                        .timestamp(OffsetDateTime.now())
                        .endpoint(family.endpoint())
                        .status(200)
                        .outcome(DecisionLogEntry.OutcomeEnum.DECIDED)
                        .rulesets(decision.rulesets()), body, output, explanation);
            }
            ObjectNode envelope = cloudEvent(decisionId.toString(), family.decisionType(), projectId, answerData);
            envelope.put("requestsource", eventSource);
            envelope.put("requestid", eventId);
            return new EventWindow.Sent(dataHash, false, key, envelope.toString(), System.nanoTime());
        } catch (RuntimeException | JsonProcessingException e) {
            Problem problem = problemOf(e);
            problem.setErrors(problem.getErrors() == null ? null : problem.getErrors().stream()
                    .map(error -> Problems.field(family.pointer(error.getField()), error.getMessage())).toList());
            if (log.enabled()) {
                log.write(new DecisionLogEntry()
                        .timestamp(OffsetDateTime.now())
                        .endpoint(family.endpoint())
                        .status(problem.getStatus())
                        .outcome(DecisionLogEntry.OutcomeEnum.REJECTED)
                        .errors(problem.getErrors()), null, null, null);
            }
            return new EventWindow.Sent(dataHash, true, key,
                    deadLetter(family.requestType(), kafka, raw, event, projectId, problem), System.nanoTime());
        }
    }

    /** The CloudEvents attributes this bridge needs, checked; every offending attribute is named. */
    private static List<FieldError> envelope(JsonNode event, Family<?> family) {
        List<FieldError> errors = new ArrayList<>();
        if (!event.isObject()) {
            errors.add(Problems.field("", "expected a CloudEvent: one JSON object (structured mode)"));
            return errors;
        }
        if (!"1.0".equals(event.path("specversion").asText(null)) || !event.path("specversion").isTextual()) {
            errors.add(Problems.field("/specversion", "must be \"1.0\""));
        }
        for (String attribute : List.of("id", "source")) {
            JsonNode value = event.path(attribute);
            if (!value.isTextual() || value.asText().isBlank()) {
                errors.add(Problems.field("/" + attribute, "must be a non-empty string"));
            } else if (value.asText().length() > 500) {
                errors.add(Problems.field("/" + attribute, "must be at most 500 characters"));
            }
        }
        if (!family.requestType().equals(event.path("type").asText(null)) || !event.path("type").isTextual()) {
            errors.add(Problems.field("/type", "this topic takes events of type " + family.requestType()));
        }
        JsonNode contentType = event.path("datacontenttype");
        if (!contentType.isMissingNode() && !(contentType.isTextual()
                && contentType.asText().toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
            errors.add(Problems.field("/datacontenttype", "must be application/json (or left out)"));
        }
        if (event.has("data_base64")) {
            errors.add(Problems.field("/data_base64", "binary data is not accepted; send data as a JSON object"));
        } else if (!event.path("data").isObject()) {
            errors.add(Problems.field("/data", "must be a JSON object: one project"));
        }
        return errors;
    }

    private ObjectNode cloudEvent(String id, String type, String subject, JsonNode data) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("specversion", "1.0");
        envelope.put("id", id);
        envelope.put("source", source);
        envelope.put("type", type);
        if (subject != null) {
            envelope.put("subject", subject);
        }
        envelope.put("time", OffsetDateTime.now().toString());
        envelope.put("datacontenttype", "application/json");
        envelope.set("data", data);
        return envelope;
    }

    /** A dead letter: the problem, the original event (as JSON if it was JSON, else as text) and where it came from. */
    private String deadLetter(String requestType, Optional<IncomingKafkaRecordMetadata> kafka, String raw, JsonNode event,
            String projectId, Problem problem) {
        ObjectNode data = mapper.createObjectNode();
        data.set("problem", mapper.valueToTree(problem));
        if (event != null) {
            data.set("event", event);
        } else {
            data.put("event", raw);
        }
        if (requestType != null) {
            data.put("expectedType", requestType);
        }
        kafka.ifPresent(m -> {
            data.put("topic", m.getTopic());
            data.put("partition", m.getPartition());
            data.put("offset", m.getOffset());
        });
        String id = UUID.nameUUIDFromBytes(("rejected\n" + requestType + "\n" + raw)
                .getBytes(StandardCharsets.UTF_8)).toString();
        ObjectNode envelope = cloudEvent(id, REJECTED_TYPE, projectId, data);
        if (event != null && event.path("id").isTextual()) {
            envelope.put("requestid", event.path("id").asText());
        }
        if (event != null && event.path("source").isTextual()) {
            envelope.put("requestsource", event.path("source").asText());
        }
        return envelope.toString();
    }

    /**
     * Sends an answer, on the family's answer topic, or a dead letter (no family given); the request is
     * acknowledged (or failed) with it.
     */
    private CompletionStage<Void> send(Message<String> in, Family<?> answering, String key, String payload) {
        inFlight.acquireUninterruptibly();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CLOUDEVENTS_JSON.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers)
                .withTopic(answering == null ? null : answering.answerTopic()).build();
        (answering == null ? deadLetters : answers).send(Message.of(payload, Metadata.of(metadata), () -> {
            inFlight.release();
            return in.ack();
        }, failure -> {
            inFlight.release();
            return in.nack(failure);
        }));
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The decision id of an event's answer: a name-based UUID (RFC 4122 version 3) of the request type, the
     * event's source and id, and the SHA-256 of every rule set that decided. The same event decided with the
     * same rules has the same id, on any replica.
     */
    static UUID decisionId(String type, String eventSource, String eventId, List<RulesetRef> rulesets) {
        StringBuilder name = new StringBuilder(type).append('\n').append(eventSource).append('\n').append(eventId);
        for (RulesetRef ruleset : rulesets) {
            name.append('\n').append(ruleset.getSha256());
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The problem the REST endpoint would answer for this failure (same mappers, same messages). */
    private static Problem problemOf(Exception e) {
        ProblemMappers mappers = new ProblemMappers();
        Response response;
        if (e instanceof JsonProcessingException json) {
            response = mappers.invalidJson(json);
        } else if (e instanceof IllegalArgumentException wrapped && wrapped.getCause() instanceof JsonProcessingException json) {
            response = mappers.invalidJson(json);
        } else if (e instanceof ConstraintViolationException violation) {
            response = mappers.contractViolation(violation);
        } else if (e instanceof ContractViolationException violation) {
            response = mappers.contractViolation(violation);
        } else if (e instanceof InvalidRequestException invalid) {
            response = mappers.invalidRequest(invalid);
        } else if (e instanceof NoRulesetInForceException none) {
            response = mappers.noRulesetInForce(none);
        } else {
            response = mappers.unexpected(e);
        }
        return (Problem) response.getEntity();
    }

    private static Problem invalidEvent(Problem problem, String detail) {
        return problem.type(Problems.TYPE_PREFIX + "invalid-event").title("Invalid event").detail(detail);
    }

    private static Problem problem(int status, String type, String title, String detail, List<FieldError> errors) {
        return new Problem().type(Problems.TYPE_PREFIX + type).title(title).status(status).detail(detail)
                .errors(new ArrayList<>(errors));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
