package cn.pbm.coverage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import cn.pbm.api.CoverageApi;
import cn.pbm.api.model.CoverageDecision;
import cn.pbm.api.model.CoverageFigures;
import cn.pbm.api.model.CoverageGroup;
import cn.pbm.api.model.CoverageItem;
import cn.pbm.api.model.CoverageMeasure;
import cn.pbm.api.model.CoverageMeasures;
import cn.pbm.api.model.CoverageMissing;
import cn.pbm.api.model.CoverageRequest;
import cn.pbm.platform.DecisionEndpoints;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.ModelCopy;
import cn.pbm.platform.PbmConfig;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.Ruleset;
import io.quarkus.vertx.http.security.AuthorizationPolicy;
import jakarta.inject.Inject;

/**
 * 全覆盖. Which flag counts as covered, which items are in scope and each measure's goal are the coverage table's
 * ({@link CoverageTables}); this class checks the request and counts, in one pass per measure over the items in
 * request order: overall, per budget type, per kind and per unit, by count and by money. Rates are exact fractions
 * rounded half-up to 4 decimals only for the response; a rate over nothing (total 0) is absent. The family's
 * endpoint: it implements the generated contract ({@link CoverageApi}); {@code explain} is the platform's.
 */
@AuthorizationPolicy(name = DecisionEndpoints.POLICY)
@PrimaryRuleset(value = CoverageTables.RULESET, listsAll = false)
public class CoverageResource implements CoverageApi {

    /** The item flags the table may name, by the names it uses; ALL puts every item in scope. */
    private static final Map<String, Predicate<CoverageItem>> FLAGS = Map.of(
            "ALL", item -> true,
            "hasTargets", CoverageItem::getHasTargets,
            "monitoringAssigned", CoverageItem::getMonitoringAssigned,
            "monitoringFiled", CoverageItem::getMonitoringFiled,
            "selfEvaluated", CoverageItem::getSelfEvaluated,
            "keyEvaluated", CoverageItem::getKeyEvaluated);

    @Inject
    DecisionEngine engine;
    @Inject
    CoverageTables rules;
    @Inject
    PbmConfig config;

    @Override
    public CoverageDecision coverage(CoverageRequest request, Boolean explain) {
        CoverageRequestCheck.check(request);
        Ruleset ruleset = engine.inForceFor(CoverageTables.RULESET, LocalDate.of(request.getYear(), 1, 1),
                request.getJurisdiction(), "/year");
        List<CoverageItem> items = request.getItems();
        CoverageMeasures measures = new CoverageMeasures()
                .targets(count(items, rules.measure(ruleset, "targets")))
                .monitoringFiling(count(items, rules.measure(ruleset, "monitoringFiling")))
                .selfEvaluation(count(items, rules.measure(ruleset, "selfEvaluation")))
                .keyEvaluation(count(items, rules.measure(ruleset, "keyEvaluation")));
        return new CoverageDecision()
                .year(request.getYear())
                .items(items.size())
                .measures(measures);
    }

    private CoverageMeasure count(List<CoverageItem> items, CoverageTables.Measure rule) {
        Predicate<CoverageItem> covered = flag(rule.coveredBy());
        Predicate<CoverageItem> inScope = flag(rule.scope());
        Tally overall = new Tally();
        Map<String, Tally> byBudgetType = new LinkedHashMap<>();
        for (CoverageItem.BudgetTypeEnum type : CoverageItem.BudgetTypeEnum.values()) {
            byBudgetType.put(type.toString(), new Tally());
        }
        Map<String, Tally> byKind = new LinkedHashMap<>();
        for (CoverageItem.KindEnum kind : CoverageItem.KindEnum.values()) {
            byKind.put(kind.toString(), new Tally());
        }
        Map<String, Tally> byUnit = new LinkedHashMap<>();
        List<String> uncovered = new ArrayList<>();
        int uncoveredCount = 0;
        for (CoverageItem item : items) {
            Tally unit = byUnit.computeIfAbsent(item.getUnit(), u -> new Tally());
            if (!inScope.test(item)) {
                continue;
            }
            boolean isCovered = covered.test(item);
            overall.add(isCovered, item.getAmount());
            byBudgetType.get(item.getBudgetType().toString()).add(isCovered, item.getAmount());
            byKind.get(item.getKind().toString()).add(isCovered, item.getAmount());
            unit.add(isCovered, item.getAmount());
            if (!isCovered) {
                uncoveredCount++;
                if (uncovered.size() < config.coverage().missingLimit()) {
                    uncovered.add(item.getId());
                }
            }
        }
        CoverageMeasure measure = ModelCopy.of(rule, CoverageMeasure.class) // the table's columns, as they are
                .overall(overall.figures())
                .byBudgetType(groups(byBudgetType))
                .byKind(groups(byKind))
                .byUnit(groups(byUnit));
        if (rule.goal() != null) {
            // exact: covered / total >= goal, compared as covered >= goal * total; with nothing in scope 0 >= 0, met
            boolean met = BigDecimal.valueOf(overall.covered)
                    .compareTo(rule.goal().multiply(BigDecimal.valueOf(overall.total))) >= 0;
            measure.met(met).missing(met
                    ? new CoverageMissing().count(0).ids(List.of()).truncated(false)
                    : new CoverageMissing().count(uncoveredCount).ids(uncovered).truncated(uncovered.size() < uncoveredCount));
        }
        return measure;
    }

    private static Predicate<CoverageItem> flag(String name) {
        Predicate<CoverageItem> flag = FLAGS.get(name);
        if (flag == null) {
            throw new IllegalStateException("the coverage table names an item flag the service does not know: " + name
                    + " (known: " + FLAGS.keySet() + ")");
        }
        return flag;
    }

    private static List<CoverageGroup> groups(Map<String, Tally> tallies) {
        List<CoverageGroup> groups = new ArrayList<>(tallies.size());
        tallies.forEach((key, tally) -> groups.add(new CoverageGroup().key(key).figures(tally.figures())));
        return groups;
    }

    /** Covered and total items and money of one group; exact until {@link #figures()}. */
    private static final class Tally {
        private int covered;
        private int total;
        private BigDecimal amountCovered = BigDecimal.ZERO;
        private BigDecimal amountTotal = BigDecimal.ZERO;

        void add(boolean isCovered, BigDecimal amount) {
            total++;
            amountTotal = amountTotal.add(amount);
            if (isCovered) {
                covered++;
                amountCovered = amountCovered.add(amount);
            }
        }

        CoverageFigures figures() {
            return new CoverageFigures()
                    .covered(covered)
                    .total(total)
                    .rate(total == 0 ? null
                            : BigDecimal.valueOf(covered).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP))
                    .amountCovered(amountCovered.setScale(2, RoundingMode.HALF_UP))
                    .amountTotal(amountTotal.setScale(2, RoundingMode.HALF_UP))
                    .amountRate(amountTotal.signum() == 0 ? null
                            : amountCovered.divide(amountTotal, 4, RoundingMode.HALF_UP));
        }
    }
}
