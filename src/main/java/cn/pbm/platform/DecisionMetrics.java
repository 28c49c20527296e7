package cn.pbm.platform;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import cn.pbm.api.model.ReplayResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's own metrics at {@code /q/metrics} (docs/operations.md), in Prometheus names:
 * <ul>
 * <li>{@code pbm_decisions_total{endpoint,ruleset,version,outcome}}: evaluations of a rule-set version by an
 * answered call, one per list item; the outcome is read from the model ({@link OutcomeLabel});</li>
 * <li>{@code pbm_decision_duration_seconds{endpoint,status}}: a latency histogram per decision endpoint;</li>
 * <li>{@code pbm_batch_size{endpoint}}: the number of items in the list of a call that decides a list (the
 * longest list field of the request: monitoring projects, self-evaluation forms, disclosure items...);</li>
 * <li>{@code pbm_replays_total{result}}: replays by MATCH, MISMATCH, VERSION_NOT_DEPLOYED;</li>
 * <li>{@code pbm_ruleset_info{ruleset,version,sha256}}: one gauge per deployed rule-set version, 1 when it
 * loaded, 0 when it did not ({@link RulesetHealth}).</li>
 * </ul>
 * Every label comes from a bounded set: the service's own routes (unrouted paths are not recorded), HTTP
 * statuses, the deployed rule sets and the values their tables declare.
 */
@Startup
@ApplicationScoped
public class DecisionMetrics {

    private final MeterRegistry registry;
    private final Map<Class<?>, List<Field>> listFields = new ConcurrentHashMap<>();

    public DecisionMetrics(MeterRegistry registry, RulesetCatalog catalog, RulesetHealth health) {
        this.registry = registry;
        for (Ruleset ruleset : catalog.all()) {
            Gauge.builder("pbm.ruleset.info", () -> health.problem(ruleset).isPresent() ? 0 : 1)
                    .description("A deployed rule-set version: 1 loaded, 0 did not load (see /q/health/ready)")
                    .tag("ruleset", ruleset.id())
                    .tag("version", ruleset.version())
                    .tag("sha256", ruleset.sha256())
                    .register(registry);
        }
    }

    /** One answered call to a decision endpoint: started then, on that request, deciding that. */
    void answered(String endpoint, int status, long startedNanos, Object input, Decision decision) {
        if (status == 404 || status == 405) {
            return; // no such route: the path is the caller's, not a bounded label
        }
        Timer.builder("pbm.decision.duration")
                .description("Time to answer a decision endpoint")
                .tag("endpoint", endpoint)
                .tag("status", String.valueOf(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        if (status >= 300 || !decision.decided()) {
            return;
        }
        for (Map.Entry<List<String>, Long> counted : decision.outcomes().entrySet()) {
            Counter.builder("pbm.decisions")
                    .description("Evaluations of a rule-set version by answered calls (one per list item)")
                    .tag("endpoint", endpoint)
                    .tag("ruleset", counted.getKey().get(0))
                    .tag("version", counted.getKey().get(1))
                    .tag("outcome", counted.getKey().get(2))
                    .register(registry)
                    .increment(counted.getValue());
        }
        int batchSize = Math.max(decision.batchSize(), longestList(input));
        if (batchSize > 0) {
            DistributionSummary.builder("pbm.batch.size")
                    .description("Items in the list of a call that decides a list")
                    .tag("endpoint", endpoint)
                    .publishPercentileHistogram()
                    .maximumExpectedValue(100_000.0)
                    .register(registry)
                    .record(batchSize);
        }
    }

    /** The size of the longest list among the request body's own fields (0 for a body without a list). */
    private int longestList(Object body) {
        if (body == null || !body.getClass().getName().startsWith("cn.pbm.api.model.")) {
            return 0;
        }
        int longest = 0;
        for (Field field : listFields.computeIfAbsent(body.getClass(), type -> Arrays.stream(type.getDeclaredFields())
                .filter(f -> Collection.class.isAssignableFrom(f.getType()))
                .peek(f -> f.setAccessible(true))
                .toList())) {
            try {
                if (field.get(body) instanceof Collection<?> items) {
                    longest = Math.max(longest, items.size());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return longest;
    }

    void replayed(ReplayResult.ResultEnum result) {
        Counter.builder("pbm.replays")
                .description("Replays of logged decisions by result")
                .tag("result", result.toString())
                .register(registry)
                .increment();
    }
}
