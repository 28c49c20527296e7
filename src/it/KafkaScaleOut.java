import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer and the checker of src/it/kafka-scale-out.sh (run as a single-file program on the Kafka client
 * jars). Modes: topics, members N, produce N PROJECTS, await-answers N, check N PROJECTS. It reads the answers
 * with plain string matching, to need nothing beyond the Kafka client.
 */
public class KafkaScaleOut {

    static final String BOOTSTRAP = System.getProperty("bootstrap", "127.0.0.1:19092");
    static final String GROUP = System.getProperty("group", "pbm-decision-service");
    static final String REQUESTS = "pbm.monitoring.requests";
    static final String DECISIONS = "pbm.monitoring.decisions";
    static final String DEAD_LETTER = "pbm.dead-letter";
    static final String GRADING_REQUESTS = "pbm.grading.evaluation.requests";
    static final String GRADING_DECISIONS = "pbm.grading.evaluation.decisions";
    static final int INVALID_EVERY = 50;
    /** Every GRADING_EVERY-th event (seq % 4 == 3) is a grading event; the others monitoring events. */
    static final int GRADING_EVERY = 4;

    static boolean grading(int seq) {
        return seq % GRADING_EVERY == GRADING_EVERY - 1;
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "topics" -> topics();
            case "members" -> members(Integer.parseInt(args[1]));
            case "produce" -> produce(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "await-answers" -> awaitAnswers(Integer.parseInt(args[1]));
            case "check" -> System.exit(check(Integer.parseInt(args[1])));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static Properties common() {
        Properties p = new Properties();
        p.put("bootstrap.servers", BOOTSTRAP);
        return p;
    }

    static void topics() throws Exception {
        try (Admin admin = Admin.create(common())) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : List.of(REQUESTS, DECISIONS, DEAD_LETTER, GRADING_REQUESTS, GRADING_DECISIONS)) {
                topics.add(new NewTopic(t, 4, (short) 1));
            }
            admin.createTopics(topics).all().get();
            System.out.println("topics: " + admin.listTopics().names().get());
        }
    }

    /** Waits until the group has exactly N members and prints who has which request partitions. */
    static void members(int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        try (Admin admin = Admin.create(common())) {
            while (true) {
                ConsumerGroupDescription group;
                try {
                    group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                } catch (java.util.concurrent.ExecutionException e) { // not formed yet
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                    Thread.sleep(1000);
                    continue;
                }
                Map<String, Set<String>> assigned = new TreeMap<>();
                int requestPartitions = 0;
                for (MemberDescription member : group.members()) {
                    Set<String> partitions = new TreeSet<>();
                    for (TopicPartition tp : member.assignment().topicPartitions()) {
                        if (tp.topic().equals(REQUESTS) || tp.topic().equals(GRADING_REQUESTS)) {
                            partitions.add(tp.topic() + "-" + tp.partition());
                        }
                    }
                    requestPartitions += partitions.size();
                    assigned.put(member.clientId() + "/" + member.consumerId().substring(member.consumerId().length() - 8), partitions);
                }
                // one consumer per replica (decision-requests) for both families' request topics
                long withPartitions = assigned.values().stream().filter(s -> !s.isEmpty()).count();
                if (withPartitions == expected && requestPartitions == 8) {
                    System.out.println("group " + GROUP + ": request partitions by consumer " + assigned);
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("group never reached " + expected + " consumers of "
                            + REQUESTS + " and " + GRADING_REQUESTS + ": " + assigned);
                }
                Thread.sleep(500);
            }
        }
    }

    static String event(int seq, String projectId, boolean invalid) {
        String executed = invalid ? "2000000" : String.valueOf((seq * 37L) % 1_000_000);
        return "{\"specversion\":\"1.0\",\"id\":\"evt-" + seq + "\",\"source\":\"urn:it:budget-system\","
                + "\"type\":\"cn.pbm.monitoring.request\",\"subject\":\"" + projectId + "\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"asOf\":\"2025-10-31\",\"projectId\":\""
                + projectId + "\",\"budget\":1000000.00,\"executed\":" + executed
                + ",\"directFunds\":" + (seq % 7 == 0) + ",\"implementationConditionsMet\":true,"
                + "\"targets\":[{\"name\":\"完成率\",\"direction\":\"AT_LEAST\",\"expected\":100,\"actual\":" + (seq % 120)
                + "}]}}";
    }

    static String gradingEvent(int seq, String projectId, boolean invalid) {
        String score = invalid ? "100.5" : String.valueOf(seq % 101);
        return "{\"specversion\":\"1.0\",\"id\":\"evt-" + seq + "\",\"source\":\"urn:it:budget-system\","
                + "\"type\":\"cn.pbm.grading.evaluation.request\",\"subject\":\"" + projectId + "\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"projectId\":\"" + projectId
                + "\",\"score\":" + score + "}}";
    }

    static void produce(int n, int projects) throws Exception {
        Properties p = common();
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        p.put("linger.ms", "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int seq = 0; seq < n; seq++) {
                String projectId = String.format("IT-%04d", seq % projects);
                boolean invalid = seq % INVALID_EVERY == INVALID_EVERY - 1;
                ProducerRecord<String, String> record = grading(seq)
                        ? new ProducerRecord<>(GRADING_REQUESTS, projectId, gradingEvent(seq, projectId, invalid))
                        : new ProducerRecord<>(REQUESTS, projectId, event(seq, projectId, invalid));
                record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes());
                producer.send(record);
            }
            producer.flush();
        }
        System.out.println("produced " + n + " events keyed by " + projects + " projects ("
                + (n / GRADING_EVERY) + " grading, the rest monitoring), " + (n / INVALID_EVERY) + " of them invalid");
    }

    static final Pattern REQUEST_ID = Pattern.compile("\"requestid\":\"evt-(\\d+)\"");
    static final Pattern DECISION_ID = Pattern.compile("\"decisionId\":\"([0-9a-f-]+)\"");
    static final Pattern SOURCE = Pattern.compile("\"source\":\"([^\"]+)\"");
    static final Pattern TIME = Pattern.compile("\"time\":\"[^\"]+\",");

    /** Every answer on the decision and dead-letter topics, in partition order. */
    static List<ConsumerRecord<String, String>> readAll(KafkaConsumer<String, String> consumer, int atLeast,
            long timeoutMs, List<ConsumerRecord<String, String>> into) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        Set<Integer> answered = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> r : into) {
            Matcher m = REQUEST_ID.matcher(r.value());
            if (m.find()) {
                answered.add(Integer.parseInt(m.group(1)));
            }
        }
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            var records = consumer.poll(Duration.ofMillis(500));
            for (ConsumerRecord<String, String> r : records) {
                into.add(r);
                Matcher m = REQUEST_ID.matcher(r.value());
                if (m.find()) {
                    answered.add(Integer.parseInt(m.group(1)));
                }
            }
            if (!records.isEmpty()) {
                quietSince = System.currentTimeMillis();
            }
            // all answered, and nothing more for 5 s (late redeliveries are counted too)
            if (answered.size() >= atLeast && System.currentTimeMillis() - quietSince > 5000) {
                break;
            }
        }
        return into;
    }

    static KafkaConsumer<String, String> answers() {
        Properties p = common();
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("group.id", "it-checker-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(DECISIONS, GRADING_DECISIONS, DEAD_LETTER));
        return consumer;
    }

    static void awaitAnswers(int n) {
        long deadline = System.currentTimeMillis() + 600_000;
        try (KafkaConsumer<String, String> consumer = answers()) {
            Set<Integer> answered = new java.util.HashSet<>();
            while (answered.size() < n && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Matcher m = REQUEST_ID.matcher(r.value());
                    if (m.find()) {
                        answered.add(Integer.parseInt(m.group(1)));
                    }
                }
            }
            System.out.println(answered.size() + " events answered");
        }
    }

    static int check(int n) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = answers()) {
            readAll(consumer, n, 900_000, all);
        }
        Map<Integer, String> firstAnswer = new HashMap<>(); // event seq -> answer without its time
        Map<String, Integer> lastSeqByKey = new HashMap<>();
        Map<String, Integer> bySource = new LinkedHashMap<>();
        Map<String, Set<String>> partitionsBySource = new TreeMap<>();
        int decisions = 0, deadLetters = 0, copies = 0, conflicting = 0, outOfOrder = 0, unknown = 0, misrouted = 0;
        Map<String, Integer> byTopic = new TreeMap<>();
        for (ConsumerRecord<String, String> r : all) {
            Matcher m = REQUEST_ID.matcher(r.value());
            if (!m.find()) {
                unknown++;
                continue;
            }
            int seq = Integer.parseInt(m.group(1));
            Matcher s = SOURCE.matcher(r.value());
            String source = s.find() ? s.group(1) : "?";
            bySource.merge(source, 1, Integer::sum);
            String withoutTime = TIME.matcher(r.value()).replaceFirst("");
            String earlier = firstAnswer.putIfAbsent(seq, withoutTime);
            if (earlier != null) {
                // a redelivered event answered again: the same decision id and data, or a conflict
                copies++;
                if (!earlier.replace(sourceOf(earlier), "").equals(withoutTime.replace(source, ""))) {
                    conflicting++;
                }
                continue;
            }
            byTopic.merge(r.topic(), 1, Integer::sum);
            boolean decision = !r.topic().equals(DEAD_LETTER);
            if (decision) {
                decisions++;
                partitionsBySource.computeIfAbsent(source, k -> new TreeSet<>()).add(r.topic() + "-" + r.partition());
                // each family answered on its own topic, with its own answer type
                String expectedTopic = grading(seq) ? GRADING_DECISIONS : DECISIONS;
                String expectedType = grading(seq) ? "cn.pbm.grading.evaluation.decision" : "cn.pbm.monitoring.decision";
                if (!r.topic().equals(expectedTopic) || !r.value().contains("\"type\":\"" + expectedType + "\"")) {
                    misrouted++;
                }
            } else {
                deadLetters++;
            }
            if (decision) { // per-key order: first answers of one key on one answer topic, in request order
                Integer last = lastSeqByKey.put(r.topic() + "/" + r.key(), seq);
                if (last != null && last > seq) {
                    outOfOrder++;
                }
            }
        }
        int answered = firstAnswer.size();
        int lost = 0;
        for (int seq = 0; seq < n; seq++) {
            if (!firstAnswer.containsKey(seq)) {
                lost++;
            }
        }
        System.out.println("answers read: " + all.size() + " records (" + decisions + " decisions, " + deadLetters
                + " dead letters, " + copies + " repeated answers to redelivered events, " + unknown + " unreadable)");
        System.out.println("first answers by topic: " + byTopic + "; answers on the other family's topic or of its type: "
                + misrouted);
        System.out.println("answers by replica (CloudEvent source): " + bySource);
        System.out.println("decision-topic partitions answered first by each replica: " + partitionsBySource);
        System.out.println("repeated answers: " + copies + ", of which with another decision id or data: "
                + conflicting + " (the checker counts each event id once; a repeat is the same decision)");
        System.out.println("dead letters: " + deadLetters + " (expected " + (n / INVALID_EVERY) + ")");
        boolean ok = lost == 0 && conflicting == 0 && outOfOrder == 0 && misrouted == 0
                && deadLetters == n / INVALID_EVERY;
        System.out.println("kafka scale-out: " + n + " events, " + answered + " decisions, " + lost + " lost, "
                + conflicting + " duplicated, " + outOfOrder + " out of order, " + misrouted + " misrouted");
        return ok ? 0 : 1;
    }

    static String sourceOf(String answer) {
        Matcher s = SOURCE.matcher(answer);
        return s.find() ? s.group(1) : "";
    }
}
