package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import cn.pbm.warning.MonitoringCase;
import cn.pbm.warning.MonitoringDate;

/**
 * What a pooled rule session keeps after its call (issue 19). {@link RuleEngine} gives each call's stateful
 * session back to Drools' pool reset; a reset clears the facts, but the session's own tables (its fact store,
 * its node memories) may keep the size a large call grew them to, for as long as the service runs. The heap the
 * engine holds once a 100,000-project call is over is measured against the heap it holds after a one-project
 * call (both after a full collection, the call's facts dropped), and must stay under a bound; so must what
 * disposing the pool's sessions frees. A memory assertion, not a timing one; the figures are printed, and over the
 * bound the classes that grew (an in-process {@code jcmd GC.class_histogram}). The measurement is shown to see a
 * large call: while its facts are still held it finds tens of megabytes.
 * Measured (2026-12-02, 100,000 projects, ~41 MB while held): ~9 kB still held after, ~1.5 kB freed by disposing
 * the pooled session: a reset session keeps no table at its grown size, so the engine keeps pooling every call.
 */
class RuleEngineRetentionTest {

    /** The most a finished call may leave held by the engine, whatever its size (a one-project call: ~0). */
    private static final long BOUND_BYTES = 2L << 20;
    private static final int LARGE = 100_000;

    @Test
    void aLargeCallLeavesNoGrownSessionBehind() throws Exception {
        RulesetCatalog catalog = new RulesetCatalog();
        RuleEngine engine = new RuleEngine(catalog, new DecisionRecord(), new RulesetHealth());
        engine.evaluations = new Evaluations() {
            @Override
            void add(RulesFired fired) {
                // the call's record is not what is measured
            }
        };
        Ruleset ruleset = catalog.inForce("warning.execution-monitoring", LocalDate.of(2026, 11, 15));

        assertThat(actionCount(actions(engine, ruleset, 1))).isEqualTo(5); // the pool's session exists, used once
        assertThat(actionCount(actions(engine, ruleset, 1))).isEqualTo(5);
        Map<String, long[]> before = histogram();
        long small = heapAfterCollection(); // the histogram above is held in both figures

        List<Object> facts = actions(engine, ruleset, LARGE);
        assertThat(actionCount(facts)).isEqualTo(5 * LARGE);
        long holdingTheFacts = heapAfterCollection();
        facts = null; // the call is over: the service drops its request
        long large = heapAfterCollection();
        List<Map.Entry<String, Long>> grown = grownSince(before);
        long retained = large - small;
        before = null;
        long withPool = heapAfterCollection();
        engine.sessions(ruleset).shutdown(); // the pool's sessions disposed: what the pooled session held goes
        long withoutPool = heapAfterCollection();

        System.out.printf("RuleEngineRetentionTest: after a one-project call the heap holds %,d bytes; while the"
                + " %,d-project call's facts are held %,d (+%,d); once they are dropped %,d: +%,d bytes still held"
                + " (bound %,d); the pool's sessions disposed: %,d bytes less%n", small, LARGE, holdingTheFacts,
                holdingTheFacts - small, large, retained, BOUND_BYTES, withPool - withoutPool);
        if (retained >= BOUND_BYTES) { // what grew (the first histogram's own map among it: ~0.6 MB of [J, [B, ...)
            grown.forEach(e -> System.out.printf("  %+,12d bytes  %s%n", e.getValue(), e.getKey()));
        }

        assertThat(holdingTheFacts - small).as("the measurement sees a large call's objects while they are held")
                .isGreaterThan(5 * BOUND_BYTES);
        assertThat(retained).as("bytes the engine still holds after a %,d-project call, compared with after a"
                + " one-project call", LARGE).isLessThan(BOUND_BYTES);
        assertThat(withPool - withoutPool).as("bytes the reset pooled session holds").isLessThan(BOUND_BYTES);
    }

    /** The classes whose instances take more bytes than in {@code before} (over 20 kB more or less), largest first. */
    private static List<Map.Entry<String, Long>> grownSince(Map<String, long[]> before) throws Exception {
        return histogram().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]))
                .filter(e -> Math.abs(e.getValue()) > 20_000)
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed()).limit(12).toList();
    }

    /** Runs one call over {@code projects} projects every default-profile rule acts on; its facts, with their actions. */
    private static List<Object> actions(RuleEngine engine, Ruleset ruleset, int projects) {
        List<Object> facts = new ArrayList<>(projects + 1);
        facts.add(new MonitoringDate(LocalDate.of(2026, 11, 15)));
        for (int i = 0; i < projects; i++) {
            facts.add(new MonitoringCase(new BigDecimal(1000 + i), BigDecimal.ZERO, new BigDecimal(400), true, true,
                    "RED", List.of("GREEN", "RED")));
        }
        engine.execute(ruleset, facts);
        return facts;
    }

    private static int actionCount(List<Object> facts) {
        int actions = 0;
        for (Object fact : facts) {
            if (fact instanceof MonitoringCase c) {
                actions += c.actions().size();
            }
        }
        return actions;
    }

    private static long heapAfterCollection() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) { // the least of a few full collections: what is truly held
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** GC.class_histogram of this JVM: class name to {instances, bytes}. */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] { new String[0] }, new String[] { String[].class.getName() });
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length >= 4 && cells[0].endsWith(":")) {
                classes.merge(cells[3], new long[] { Long.parseLong(cells[1]), Long.parseLong(cells[2]) },
                        (a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
            }
        }
        return classes;
    }
}
