package cn.pbm.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.pbm.platform.FamilyTables;
import cn.pbm.api.model.MonitoredTarget;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionRecord;
import cn.pbm.platform.Ruleset;
import cn.pbm.platform.RulesetCatalog;
import cn.pbm.platform.RulesetHealth;

/**
 * Issue 13 item 3: from 2.2.0 the model computes the time progress and the execution rate (FEEL division). They are
 * the same numbers, digit for digit and scale for scale, as the Java arithmetic (BigDecimal, DECIMAL128) that fed
 * 2.1.0 and is kept only to replay 2.0.0/2.1.0 decisions ({@link WarningTables.RetiredRatios}); and 2.2.0 gives the
 * same lights as 2.1.0 for the same project. Every day of common, leap and century years; amounts at every scale the
 * contract allows (up to 6 decimals, up to its maximum), with the edges 0, executed = budget, executed > budget and
 * non-terminating quotients. Issue 19: 2.2.1 (the ratio decisions typed number, the days of the year by the leap rule)
 * gives exactly what 2.2.0 gives, ratios and lights, on every one of those days and amounts, and on every day of
 * 1600, 1700, 1800 and 2400 as well (each branch of the leap rule).
 */
class WarningTablesRatiosTest {

    private static RulesetCatalog catalog;
    private static WarningTables tables;
    private static Ruleset v210;
    private static Ruleset v220;
    private static Ruleset v221;

    @BeforeAll
    static void compile() {
        catalog = new RulesetCatalog();
        DecisionEngine engine = new DecisionEngine(catalog, new DecisionRecord(), ZoneId.of("Asia/Shanghai"), 0, 256,
                new RulesetHealth());
        tables = FamilyTables.using(engine, WarningTables::new);
        v210 = catalog.version(WarningTables.RULESET, "2.1.0").orElseThrow();
        v220 = catalog.version(WarningTables.RULESET, "2.2.0").orElseThrow();
        v221 = catalog.version(WarningTables.RULESET, "2.2.1").orElseThrow();
    }

    private static final List<MonitoredTarget> NO_TARGETS = List.of();

    @Test
    void timeProgressIsTheSameOnEveryDayOfCommonLeapAndCenturyYears() {
        BigDecimal budget = new BigDecimal("100");
        BigDecimal executed = new BigDecimal("50");
        int days = 0;
        for (int year : new int[] {2023, 2024, 1900, 2000, 2100}) {
            for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
                WarningTables.Lights lights = tables.of(v220, day, new WarningTables.Project(executed, budget, NO_TARGETS));
                BigDecimal java = WarningTables.RetiredRatios.timeProgress(day);
                assertThat(lights.timeProgress()).as("时间进度 on %s", day).isEqualTo(java);
                assertThat(lights).as("lights on %s", day)
                        .isEqualTo(tables.of(v210, day, new WarningTables.Project(executed, budget, NO_TARGETS)));
                assertThat(tables.of(v221, day, new WarningTables.Project(executed, budget, NO_TARGETS)))
                        .as("2.2.1 on %s", day).isEqualTo(lights);
                days++;
            }
        }
        assertThat(days).isEqualTo(365 + 366 + 365 + 366 + 365);
        for (int year : new int[] {1600, 1700, 1800, 2400}) {
            for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
                WarningTables.Lights lights = tables.of(v221, day, new WarningTables.Project(executed, budget, NO_TARGETS));
                assertThat(lights.timeProgress()).as("2.2.1 时间进度 on %s", day)
                        .isEqualTo(WarningTables.RetiredRatios.timeProgress(day));
                assertThat(lights).as("2.2.1 on %s", day)
                        .isEqualTo(tables.of(v220, day, new WarningTables.Project(executed, budget, NO_TARGETS)));
            }
        }
        assertThat(tables.of(v221, LocalDate.of(1900, 12, 31), new WarningTables.Project(executed, budget, NO_TARGETS))
                .timeProgress()).isEqualTo(BigDecimal.ONE); // 365/365: 1900 is not a leap year
        assertThat(tables.of(v221, LocalDate.of(2000, 12, 31), new WarningTables.Project(executed, budget, NO_TARGETS))
                .timeProgress()).isEqualTo(BigDecimal.ONE); // 366/366: 2000 is
        assertThat(tables.of(v220, LocalDate.of(2023, 12, 31), new WarningTables.Project(executed, budget, NO_TARGETS))
                .timeProgress()).isEqualTo(BigDecimal.ONE);
        assertThat(tables.of(v220, LocalDate.of(2024, 2, 29), new WarningTables.Project(executed, budget, NO_TARGETS))
                .timeProgress()).isEqualTo(new BigDecimal("0.1639344262295081967213114754098361")); // 60/366
    }

    @Test
    void executionRateIsTheSameForEdgesAndFiveThousandRandomAmounts() {
        LocalDate asOf = LocalDate.of(2023, 10, 31);
        List<BigDecimal[]> pairs = new ArrayList<>();
        String[][] edges = {{"0", "100"}, {"100", "100"}, {"120", "100"}, {"1", "3"}, {"2", "3"}, {"1", "7"},
                {"0.000001", "1000000000000000"}, {"1000000000000000", "0.000001"}, {"999999.999999", "1000000"},
                {"80.000100", "100.00"}, {"1", "1.000000"}, {"10", "3.000000"}};
        for (String[] edge : edges) {
            pairs.add(new BigDecimal[] {new BigDecimal(edge[0]), new BigDecimal(edge[1])});
        }
        Random random = new Random(13);
        for (int i = 0; i < 5_000; i++) {
            BigDecimal budget = amount(random).add(new BigDecimal("0.000001"));
            BigDecimal executed = random.nextInt(10) == 0 ? budget : amount(random).min(budget);
            pairs.add(new BigDecimal[] {executed, budget});
        }
        List<WarningTables.Project> projects = new ArrayList<>();
        for (BigDecimal[] pair : pairs) {
            projects.add(new WarningTables.Project(pair[0], pair[1], NO_TARGETS));
        }
        List<WarningTables.Lights> dmn = tables.ofEach(v220, asOf, projects);
        List<WarningTables.Lights> retired = tables.ofEach(v210, asOf, projects);
        assertThat(tables.ofEach(v221, asOf, projects)).as("2.2.1, item for item").isEqualTo(dmn);
        for (int i = 0; i < pairs.size(); i++) {
            BigDecimal java = WarningTables.RetiredRatios.executionRate(pairs.get(i)[0], pairs.get(i)[1]);
            assertThat(dmn.get(i).executionRate()).as("预算执行率 of %s / %s", pairs.get(i)[0], pairs.get(i)[1])
                    .isEqualTo(java);
            assertThat(dmn.get(i)).as("lights of %s / %s", pairs.get(i)[0], pairs.get(i)[1]).isEqualTo(retired.get(i));
        }
        assertThat(dmn.get(3).executionRate()).isEqualTo(new BigDecimal("0.3333333333333333333333333333333333"));
        assertThat(dmn.get(2).executionRate()).isEqualByComparingTo("1.2");
    }

    /** An amount the contract accepts: up to 6 decimals, from fen to the contract's maximum (10^15). */
    private static BigDecimal amount(Random random) {
        int scale = random.nextInt(7);
        int digits = 1 + random.nextInt(15 + scale);
        StringBuilder unscaled = new StringBuilder();
        for (int d = 0; d < digits; d++) {
            unscaled.append(random.nextInt(10));
        }
        return new BigDecimal(new java.math.BigInteger(unscaled.toString()), scale);
    }
}
