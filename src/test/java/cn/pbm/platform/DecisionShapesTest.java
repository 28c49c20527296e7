package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.pbm.budget.BudgetTables;
import cn.pbm.coverage.CoverageTables;
import cn.pbm.disclosure.DisclosureTables;
import cn.pbm.grading.GradingTables;
import cn.pbm.rectification.RectificationTables;
import cn.pbm.selfevaluation.SelfEvaluationTables;
import cn.pbm.targetreview.TargetReviewTables;
import cn.pbm.warning.WarningTables;

/**
 * The typed reads of decision outputs are checked at start-up against every deployed version's model: every
 * family's reads fit, and a record that asks for a column the model does not produce, or reads a column as the
 * wrong type, breaks that rule-set version (not ready, 503 on a call) with a message that names it.
 */
class DecisionShapesTest {

    private static RulesetCatalog catalog;
    private static RulesetHealth health;
    private static DecisionEngine engine;

    @BeforeAll
    static void compile() {
        catalog = new RulesetCatalog();
        health = new RulesetHealth();
        engine = new DecisionEngine(catalog, new DecisionRecord(), ZoneId.of("Asia/Shanghai"), 0, 256, health);
    }

    @Test
    void everyFamilysReadsFitEveryDeployedVersion() {
        RulesetHealth checked = new RulesetHealth();
        List<DecisionShapes.Declaring> tables = Stream.<Supplier<FamilyTables>>of(GradingTables::new,
                BudgetTables::new, CoverageTables::new, DisclosureTables::new, RectificationTables::new,
                SelfEvaluationTables::new, TargetReviewTables::new, WarningTables::new)
                .map(tablesOf -> (DecisionShapes.Declaring) FamilyTables.using(engine, tablesOf)).toList();
        new DecisionShapes(catalog, engine, checked, tables);
        assertThat(checked.problems()).isEmpty();
        assertThat(tables).allSatisfy(t -> assertThat(t.shapes()).isNotEmpty());
    }

    @Test
    void aFamilysReadsAreItsShapeConstantsInTheOrderWritten() {
        assertThat(FamilyTables.using(engine, GradingTables::new).shapes())
                .extracting(DecisionShapes.Shape::rulesetId, DecisionShapes.Shape::decision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GradingTables.EX_ANTE, "exAnteConclusion"),
                        org.assertj.core.groups.Tuple.tuple(GradingTables.EVALUATION_GRADE, "evaluationGrade"));
    }

    @Test
    void aReadOfAnotherRuleSetsOutcomeIsRefused() {
        DecisionOutcome department = engine.evaluate(catalog.versions(BudgetTables.DEPARTMENT_RULESET).get(0),
                Map.of("overallGrade", "POOR"));
        assertThatThrownBy(() -> department.as(DecisionShapes.Shape.of(GradingTables.EX_ANTE, "publicFundsCut",
                WithAColumnTooMany.class))).isInstanceOf(IllegalStateException.class).hasMessageContaining("does not fit");
    }

    /** The department table's columns are belowGood, action, actionLabel and rate; this asks for one more. */
    record WithAColumnTooMany(boolean belowGood, BigDecimal rate, String reduction) {
    }

    /** rate is a number in the model, read here as text. */
    record WithAWrongType(boolean belowGood, String rate) {
    }

    record Right(boolean belowGood, @DecisionOutcome.OrNull String action, BigDecimal rate) {
    }

    @Test
    void aComponentTheModelDoesNotProduceIsNamed() {
        assertThat(mismatch("publicFundsCut", WithAColumnTooMany.class))
                .hasValueSatisfying(m -> assertThat(m).contains("publicFundsCut").contains("'reduction'")
                        .contains("is not produced"));
    }

    @Test
    void aComponentOfTheWrongTypeIsNamed() {
        assertThat(mismatch("publicFundsCut", WithAWrongType.class))
                .hasValueSatisfying(m -> assertThat(m).contains("'rate'").contains("String").contains("number"));
    }

    @Test
    void aDecisionTheModelDoesNotHaveIsNamed() {
        assertThat(mismatch("publicFundsCuts", Right.class))
                .hasValueSatisfying(m -> assertThat(m).contains("no such decision"));
    }

    @Test
    void aListReadOfOneValueAndAScalarReadOfAListAreRefused() {
        Ruleset lights = catalog.versions("warning.execution-monitoring").get(0);
        var model = engine.compiledModel(lights).orElseThrow();
        assertThat(DecisionShapes.mismatch(model, DecisionShapes.Shape.listOf(lights.id(), "executionLight", String.class)))
                .hasValueSatisfying(m -> assertThat(m).contains("not a list"));
        assertThat(DecisionShapes.mismatch(model, DecisionShapes.Shape.of(lights.id(), "targetLights", String.class)))
                .hasValueSatisfying(m -> assertThat(m).contains("the model gives a list"));
        assertThat(DecisionShapes.mismatch(model, DecisionShapes.Shape.listOf(lights.id(), "targetLights", String.class)))
                .isEmpty();
    }

    @Test
    void aWrongRecordBreaksTheVersionAtStartUpLikeABrokenRuleFile() {
        RulesetHealth own = new RulesetHealth();
        DecisionEngine checkedEngine = new DecisionEngine(catalog, new DecisionRecord(), ZoneId.of("Asia/Shanghai"),
                0, 256, own);
        DecisionShapes.Declaring wrong = () -> List.of(
                DecisionShapes.Shape.of(BudgetTables.DEPARTMENT_RULESET, "publicFundsCut", WithAColumnTooMany.class));
        new DecisionShapes(catalog, checkedEngine, own, List.of(wrong));

        Ruleset department = catalog.versions(BudgetTables.DEPARTMENT_RULESET).get(0);
        assertThat(own.problem(department)).hasValueSatisfying(p -> {
            assertThat(p.file()).isEqualTo("dmn/budget/department-public-funds.dmn");
            assertThat(p.message()).contains("publicFundsCut").contains("'reduction'");
        });
        assertThatThrownBy(() -> checkedEngine.evaluate(department, Map.of("overallGrade", "POOR")))
                .isInstanceOf(RulesetUnavailableException.class);
        // the other rule sets still serve
        assertThat(own.problems()).hasSize(1);
    }

    @Test
    void theReadGivesTheRecordAndRefusesAMissingRequiredColumn() {
        DecisionOutcome outcome = engine.evaluate(BudgetTables.DEPARTMENT_RULESET, LocalDate.of(2025, 1, 1),
                Map.of("overallGrade", "POOR"));
        Right right = outcome.as("publicFundsCut", Right.class);
        assertThat(right.belowGood()).isTrue();
        assertThat(right.rate()).isPositive();
        DecisionOutcome good = engine.evaluate(BudgetTables.DEPARTMENT_RULESET, LocalDate.of(2025, 1, 1),
                Map.of("overallGrade", "EXCELLENT"));
        assertThat(good.as("publicFundsCut", Right.class).action()).isNull();
        assertThatThrownBy(() -> good.as("publicFundsCut", RequiredAction.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("publicFundsCut.action");
    }

    record RequiredAction(String action) {
    }

    private static java.util.Optional<String> mismatch(String decision, Class<?> type) {
        Ruleset department = catalog.versions(BudgetTables.DEPARTMENT_RULESET).get(0);
        return DecisionShapes.mismatch(engine.compiledModel(department).orElseThrow(),
                DecisionShapes.Shape.of(department.id(), decision, type));
    }

    /** A read row of the test below. */
    record Lit(String light, BigDecimal points) {
    }

    @Test
    void aValueThatDoesNotFitIsNamedWhereItIs() {
        // the names are put together only for the message (DecisionShapes.Where), and still say where the value is
        Object where = new DecisionShapes.Where("warning.execution-monitoring 2.2.1 decision", ' ', "lights");
        List<Object> rows = List.of(Map.of("light", "RED", "points", BigDecimal.ONE),
                Map.of("light", BigDecimal.TEN, "points", BigDecimal.ONE));
        java.lang.reflect.Type listOfLit = new java.lang.reflect.ParameterizedType() {
            public java.lang.reflect.Type[] getActualTypeArguments() {
                return new java.lang.reflect.Type[] {Lit.class};
            }

            public java.lang.reflect.Type getRawType() {
                return List.class;
            }

            public java.lang.reflect.Type getOwnerType() {
                return null;
            }
        };
        assertThatThrownBy(() -> DecisionShapes.read(rows, listOfLit, where, true))
                .hasMessage("warning.execution-monitoring 2.2.1 decision lights[1].light is not String but 10");
        assertThat(DecisionShapes.read(rows.subList(0, 1), listOfLit, where, true))
                .isEqualTo(List.of(new Lit("RED", BigDecimal.ONE)));
    }
}
