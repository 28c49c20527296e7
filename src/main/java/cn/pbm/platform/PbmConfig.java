package cn.pbm.platform;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every {@code pbm.*} setting of the service, in one place. The values (and what each means) are in
 * {@code src/main/resources/application.properties}, the one place to configure the service; the defaults here are
 * the same, for a key an override leaves out. A setting is read through this interface, never by its name as a
 * string — except where a runtime mapping does not exist yet: the console log filter {@link EventsOffLogFilter}
 * (made before CDI) and {@link LongLists} (made at static init by the validator factory) each keep one
 * {@code @ConfigProperty} with the same key and default.
 */
@ConfigMapping(prefix = "pbm")
public interface PbmConfig {

    /** pbm.time-zone: "today" for a decision that names no date. */
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    Engine engine();

    Batch batch();

    Jurisdiction jurisdiction();

    Limits admission();

    Coverage coverage();

    DecisionLog decisionLog();

    Security security();

    Events events();

    Log log();

    Rulesets rulesets();

    Simulation simulation();

    Http http();

    interface Engine {
        /** pbm.engine.memo-entries: answers remembered per rule-set version (0: none). */
        @WithDefault("20000")
        int memoEntries();

        /**
         * pbm.engine.plain-tables: a model made only of plain decision tables is evaluated by the compiled fast path
         * ({@link PlainTables}), proven identical to the KIE engine; false: every model by KIE (issue 19).
         */
        @WithDefault("true")
        boolean plainTables();
    }

    interface Batch {
        /** pbm.batch.parallel-from: from this many items a list is decided on all cores. */
        @WithDefault("256")
        int parallelFrom();
    }

    interface Jurisdiction {
        /** pbm.jurisdiction.default: the jurisdiction of a request that names none (empty: the default profile). */
        @WithName("default")
        Optional<String> defaultCode();
    }

    interface Limits {
        @WithDefault("100000")
        int maxItems();

        @WithDefault("PT2S")
        Duration maxWait();

        @WithDefault("PT1S")
        Duration retryAfter();
    }

    interface Coverage {
        @WithDefault("1000")
        int missingLimit();
    }

    interface DecisionLog {
        @WithDefault("true")
        boolean enabled();

        Optional<String> file();

        @WithDefault("true")
        boolean explanations();

        @WithDefault("1048576")
        long maxBodyBytes();
    }

    interface Security {
        @WithDefault("open")
        DecisionEndpoints.Access decisionEndpoints();
    }

    interface Events {
        @WithDefault("false")
        boolean enabled();

        /** Used by the Kafka channels of application.properties ({@code ${pbm.events.group-id}}). */
        @WithDefault("pbm-decision-service")
        String groupId();

        @WithDefault("urn:pbm:decision-service")
        String source();

        @WithDefault("10000")
        int dedupWindowSize();

        @WithDefault("PT10M")
        Duration dedupWindowDuration();

        /** pbm.events.families.&lt;family&gt;.*: the families decided on events, by family (package) name. */
        Map<String, EventFamily> families();
    }

    /** What tells one family's events apart: its topics, its CloudEvent types, its REST endpoint. */
    interface EventFamily {
        String requestTopic();

        String requestType();

        String answerTopic();

        String answerType();

        /** The REST endpoint the decision is made, logged and replayed as. */
        String endpoint();
    }

    interface Log {
        /** Used by quarkus.log.console.json.enabled in application.properties. */
        @WithDefault("false")
        boolean json();
    }

    interface Rulesets {
        /** pbm.rulesets.directory: rule files from this directory instead of the deployed ones. */
        Optional<String> directory();
    }

    interface Simulation {
        /** pbm.simulation.max-file-bytes: the largest candidate rule file accepted. */
        @WithDefault("1048576")
        long maxFileBytes();

        /** pbm.simulation.max-requests: the most requests in one simulation's dataset. */
        @WithDefault("10000")
        int maxRequests();

        /** pbm.simulation.max-items: the most items (projects, forms, ...) over a simulation's dataset. */
        @WithDefault("20000")
        int maxItems();

        /** pbm.simulation.money-fields: output fields whose totals the comparison adds up (a regular expression). */
        @WithDefault("(?i).*(amount|budget|cuts).*")
        String moneyFields();

        /** pbm.simulation.samples: the shipped sample datasets offered to policy officers. */
        Optional<java.util.List<String>> samples();
    }

    /** Connections and the HTTP edge (docs/hardening.md, {@link Connections}, {@link HttpEdges}). */
    interface Http {
        /** pbm.http.max-connections: connections open at once (lowered to the open-file limit at start-up). */
        @WithDefault("30000")
        int maxConnections();

        /** pbm.http.reserved-files: file descriptors kept for the service's own files, never for connections. */
        @WithDefault("1024")
        int reservedFiles();

        /** pbm.http.max-uri-length: a longer URI is answered 414 problem+json. */
        @WithDefault("4096")
        int maxUriLength();
    }
}
