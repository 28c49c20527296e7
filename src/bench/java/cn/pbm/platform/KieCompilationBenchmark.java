package cn.pbm.platform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.compiler.AlphaNetworkOption;
import org.kie.dmn.core.compiler.DMNCompilerConfigurationImpl;
import org.kie.dmn.core.compiler.DMNCompilerImpl;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.feel.parser.feel11.profiles.DoCompileFEELProfile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Apache KIE 10.1's own ways of compiling a DMN model, on a bare runtime (no memo, no explanations), the
 * models as deployed: the interpreter (the service's default), FEEL compiled to Java ({@link DoCompileFEELProfile}),
 * decision tables compiled to an alpha network ({@code org.kie.dmn.compiler.alphanetwork}), and both. Each option
 * is set on the compiler configuration the runtime is built from (a system property is not read by
 * {@link DMNRuntimeBuilder}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class KieCompilationBenchmark {

    @Param({"interpreted", "feel-compiled", "alpha-network", "both"})
    public String mode;

    private static final int SIZE = 4096;
    private DMNRuntime grading;
    private DMNModel gradingModel;
    private DMNRuntime monitoring;
    private DMNModel monitoringModel;
    private final BigDecimal[] scores = new BigDecimal[SIZE];
    private final BigDecimal[] executed = new BigDecimal[SIZE];
    private int next;

    static DMNRuntime runtime(String path, String mode) {
        boolean feel = mode.equals("feel-compiled") || mode.equals("both");
        boolean alpha = mode.equals("alpha-network") || mode.equals("both");
        return DMNRuntimeBuilder.fromDefaults()
                .buildConfigurationUsingCustomCompiler(configuration -> {
                    DMNCompilerConfigurationImpl impl = (DMNCompilerConfigurationImpl) configuration;
                    if (feel) {
                        impl.addFEELProfile(new DoCompileFEELProfile());
                    }
                    if (alpha) {
                        impl.setProperty(AlphaNetworkOption.PROPERTY_NAME, "true");
                    }
                    return new DMNCompilerImpl(impl);
                })
                .fromResources(List.of(BenchAccess.resource(path)))
                .getOrElseThrow(e -> new IllegalStateException(path, e));
    }

    @Setup
    public void setUp() {
        long start = System.nanoTime();
        grading = runtime("dmn/grading/evaluation-grade.dmn", mode);
        gradingModel = grading.getModels().get(0);
        long middle = System.nanoTime();
        try {
            monitoring = runtime("dmn/warning/monitoring-lights.2.2.0.dmn", mode);
            monitoringModel = monitoring.getModels().get(0);
        } catch (IllegalStateException e) { // the alpha network does not compile it: its benchmark fails alone
            System.out.printf("%n%s: monitoring 2.2.0 does not compile: %s%n", mode, e.getCause());
        }
        System.out.printf("%n%s: compile grading %d ms, monitoring 2.2.0 %d ms%n", mode,
                (middle - start) / 1_000_000, (System.nanoTime() - middle) / 1_000_000);
        Random random = new Random(20261202);
        for (int i = 0; i < SIZE; i++) {
            scores[i] = BigDecimal.valueOf(random.nextInt(10001), 2);
            executed[i] = BigDecimal.valueOf(random.nextInt(100_000_001), 2);
        }
    }

    @Benchmark
    public Object evaluationGrade() {
        next = (next + 1) & (SIZE - 1);
        DMNContext context = grading.newContext();
        context.set("score", scores[next]);
        DMNResult result = grading.evaluateAll(gradingModel, context);
        return result.getDecisionResults().get(0).getResult();
    }

    @Benchmark
    public Object monitoringOneProject() {
        next = (next + 1) & (SIZE - 1);
        DMNContext context = monitoring.newContext();
        context.set("asOf", LocalDate.of(2023, 10, 31));
        context.set("budget", new BigDecimal("1000000.00"));
        context.set("executed", executed[next]);
        context.set("targets", List.of(Map.of("direction", "AT_LEAST", "expected", BigDecimal.valueOf(100),
                "actual", scores[next])));
        DMNResult result = monitoring.evaluateAll(monitoringModel, context);
        if (result.hasErrors()) {
            throw new IllegalStateException(result.getMessages().toString());
        }
        return result.getDecisionResults();
    }
}
