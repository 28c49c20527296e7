package cn.pbm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.drools.io.ByteArrayResource;
import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
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

import cn.pbm.platform.BenchAccess;

/**
 * Issue 13 item 3, measured before deciding: the time progress and the execution rate computed in the warning
 * model (two more literal-expression decisions from asOf, budget and executed; prototype
 * src/bench/resources/monitoring-lights-with-ratios.dmn, the deployed 2.1.0 model otherwise) against the deployed
 * 2.1.0 model fed the two ratios computed in Java. Both on a bare KIE runtime, one project with one target.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RatiosInDmnBenchmark {

    private static final LocalDate AS_OF = LocalDate.of(2023, 10, 31);
    private final List<Map<String, Object>> targets = List.of(Map.of("direction", "AT_LEAST",
            "expected", BigDecimal.valueOf(100), "actual", BigDecimal.valueOf(85)));
    private final BigDecimal[] executed = new BigDecimal[Scores.SIZE];
    private final BigDecimal budget = new BigDecimal("1000000.00");
    private int next;
    private Model javaRatios;
    private Model dmnRatios;

    private record Model(DMNRuntime runtime, DMNModel model) {
        DMNResult evaluate(Map<String, Object> inputs) {
            DMNContext context = runtime.newContext();
            inputs.forEach(context::set);
            DMNResult result = runtime.evaluateAll(model, context);
            if (result.hasErrors()) {
                throw new IllegalStateException(result.getMessages().toString());
            }
            return result;
        }
    }

    @Setup
    public void setUp() throws IOException {
        javaRatios = model(BenchAccess.resource("dmn/warning/monitoring-lights.2.1.0.dmn"));
        try (InputStream in = RatiosInDmnBenchmark.class.getResourceAsStream("/monitoring-lights-with-ratios.dmn")) {
            Resource resource = new ByteArrayResource(in.readAllBytes());
            resource.setSourcePath("monitoring-lights-with-ratios.dmn");
            dmnRatios = model(resource);
        }
        BigDecimal[] scores = Scores.decimals();
        for (int i = 0; i < executed.length; i++) {
            executed[i] = budget.multiply(scores[i]).movePointLeft(2);
        }
        // the same lights either way
        for (int i = 0; i < 1000; i++) {
            Object a = java(i).getDecisionResultByName("projectLight").getResult();
            Object b = dmn(i).getDecisionResultByName("projectLight").getResult();
            if (!a.equals(b)) {
                throw new IllegalStateException("the prototype answers " + b + " where 2.1.0 answers " + a);
            }
        }
    }

    private static Model model(Resource resource) {
        DMNRuntime runtime = DMNRuntimeBuilder.fromDefaults().buildConfiguration().fromResources(List.of(resource))
                .getOrElseThrow(e -> new IllegalStateException(e));
        return new Model(runtime, runtime.getModels().get(0));
    }

    private DMNResult java(int i) {
        BigDecimal timeProgress = BigDecimal.valueOf(AS_OF.getDayOfYear())
                .divide(BigDecimal.valueOf(AS_OF.lengthOfYear()), MathContext.DECIMAL128);
        return javaRatios.evaluate(Map.of("timeProgress", timeProgress,
                "executionRate", executed[i].divide(budget, MathContext.DECIMAL128), "targets", targets));
    }

    private DMNResult dmn(int i) {
        return dmnRatios.evaluate(Map.of("asOf", AS_OF, "budget", budget, "executed", executed[i], "targets", targets));
    }

    /** 2.1.0 as deployed: the two ratios computed in Java (as ExecutionProgress does) and passed in. */
    @Benchmark
    public Object ratiosInJava() {
        next = (next + 1) & (Scores.SIZE - 1);
        return java(next);
    }

    /** The prototype: asOf, budget and executed passed in, the two ratios computed by the model. */
    @Benchmark
    public Object ratiosInDmn() {
        next = (next + 1) & (Scores.SIZE - 1);
        return dmn(next);
    }
}
