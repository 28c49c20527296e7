package cn.pbm.bench;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
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

import cn.pbm.platform.FamilyTables;
import cn.pbm.grading.GradingTables;
import cn.pbm.platform.BenchAccess;

/**
 * The evaluation-grade decision (one UNIQUE table, four rows), one decision per call, four ways:
 * through this service's decision layer (with and without its memo of answers), through the bare KIE DMN runtime, as hand-written Java (the floor),
 * and through the Camunda 7 DMN engine on a DMN 1.3 copy of the table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GradingBenchmark {

    private final BigDecimal[] scores = Scores.decimals();
    private final double[] doubles = new double[Scores.SIZE];
    private int next;

    private GradingTables decisionLayer;
    private GradingTables decisionLayerMemoOff;
    private DMNRuntime kie;
    private DMNModel kieModel;
    private DMNContext reusedContext;
    private DmnEngine camunda;
    private DmnDecision camundaDecision;

    @Setup
    public void setUp() throws Exception {
        for (int i = 0; i < scores.length; i++) {
            doubles[i] = scores[i].doubleValue();
        }
        decisionLayer = FamilyTables.using(BenchAccess.engine(ZoneId.of("Asia/Shanghai")), GradingTables::new);
        decisionLayerMemoOff = FamilyTables.using(BenchAccess.engine(ZoneId.of("Asia/Shanghai"), 0), GradingTables::new);

        kie = DMNRuntimeBuilder.fromDefaults().buildConfiguration()
                .fromResources(java.util.List.of(BenchAccess.resource("dmn/grading/evaluation-grade.dmn")))
                .getOrElseThrow(RuntimeException::new);
        kieModel = kie.getModels().get(0);
        reusedContext = kie.newContext();

        camunda = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = getClass().getResourceAsStream("/evaluation-grade-camunda.dmn13.xml")) {
            camundaDecision = camunda.parseDecision("evaluationGrade", in);
        }
    }

    private int index() {
        next = (next + 1) & (Scores.SIZE - 1);
        return next;
    }

    /** As the service runs: repeated scores are answered from the engine's memo (pbm.engine.memo-entries). */
    @Benchmark
    public Object decisionLayer() {
        return decisionLayer.evaluationGrade(scores[index()]).grade();
    }

    /** The decision layer with the memo off (pbm.engine.memo-entries=0): every call evaluates the model. */
    @Benchmark
    public Object decisionLayerMemoOff() {
        return decisionLayerMemoOff.evaluationGrade(scores[index()]).grade();
    }

    @Benchmark
    public Object kieRuntimeNewContext() {
        DMNContext context = kie.newContext();
        context.set("score", scores[index()]);
        return kie.evaluateAll(kieModel, context).getDecisionResultByName("evaluationGrade").getResult();
    }

    @Benchmark
    public Object kieRuntimeReusedContext() {
        reusedContext.set("score", scores[index()]);
        return kie.evaluateAll(kieModel, reusedContext).getDecisionResultByName("evaluationGrade").getResult();
    }

    /** The same four rows as plain Java: the floor no engine can beat. */
    @Benchmark
    public Object handWritten() {
        BigDecimal score = scores[index()];
        if (score.compareTo(HandWritten.NINETY) >= 0) {
            return HandWritten.EXCELLENT;
        } else if (score.compareTo(HandWritten.EIGHTY) >= 0) {
            return HandWritten.GOOD;
        } else if (score.compareTo(HandWritten.SIXTY) >= 0) {
            return HandWritten.FAIR;
        }
        return HandWritten.POOR;
    }

    @Benchmark
    public Object camunda() {
        DmnDecisionTableResult result = camunda.evaluateDecisionTable(camundaDecision,
                Variables.createVariables().putValue("score", doubles[index()]));
        return result.getSingleResult().getEntry("grade");
    }

    static final class HandWritten {
        static final BigDecimal NINETY = BigDecimal.valueOf(90);
        static final BigDecimal EIGHTY = BigDecimal.valueOf(80);
        static final BigDecimal SIXTY = BigDecimal.valueOf(60);
        static final Map<String, String> EXCELLENT = Map.of("grade", "EXCELLENT", "gradeLabel", "优");
        static final Map<String, String> GOOD = Map.of("grade", "GOOD", "gradeLabel", "良");
        static final Map<String, String> FAIR = Map.of("grade", "FAIR", "gradeLabel", "中");
        static final Map<String, String> POOR = Map.of("grade", "POOR", "gradeLabel", "差");
    }
}
