package cn.pbm.platform;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.kie.dmn.api.core.DMNType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 19: the type check of the monitoring model's {@code targets} input (two targets), by KIE's own
 * {@code DMNType.isAssignableValue} and by {@link InputTypeCheck}, side by side in one fork.
 * {@code JMH_FILTER='InputTypeCheckBenchmark' bash src/bench/run.sh jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InputTypeCheckBenchmark {

    private DMNType targets;
    private InputTypeCheck.Check check;
    private List<Map<String, Object>> two;

    @Setup
    public void setUp() {
        DecisionEngine engine = BenchAccess.engine(ZoneId.of("Asia/Shanghai"));
        targets = engine.compiledModel(BenchAccess.version("warning.execution-monitoring", "2.2.1")).orElseThrow()
                .getInputByName("targets").getType();
        check = InputTypeCheck.of(targets);
        two = List.of(target("完成率", "AT_LEAST", "100", "85.50"), target("单位成本", "AT_MOST", "50", "61.20"));
        if (!targets.isAssignableValue(two) || !check.certainlyAssignable(two)) {
            throw new IllegalStateException("the benchmark's targets are not plain");
        }
    }

    private static Map<String, Object> target(String name, String direction, String expected, String actual) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", name);
        target.put("direction", direction);
        target.put("expected", new BigDecimal(expected));
        target.put("actual", new BigDecimal(actual));
        return target;
    }

    @Benchmark
    public boolean kie() {
        return targets.isAssignableValue(two);
    }

    @Benchmark
    public boolean inputTypeCheck() {
        return check.certainlyAssignable(two);
    }
}
