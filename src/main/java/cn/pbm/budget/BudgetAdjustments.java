package cn.pbm.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.api.model.BudgetAction;
import cn.pbm.api.model.BudgetAdjustmentDecision;
import cn.pbm.api.model.BudgetAdjustmentRequest;
import cn.pbm.api.model.BudgetAdjustmentTotals;
import cn.pbm.api.model.BudgetDepartment;
import cn.pbm.api.model.BudgetProject;
import cn.pbm.api.model.CodeLabel;
import cn.pbm.api.model.CutTotal;
import cn.pbm.api.model.DepartmentAdjustment;
import cn.pbm.api.model.ProjectAdjustment;
import cn.pbm.api.model.UnitNoNewRequests;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.ModelCopy;
import cn.pbm.platform.NoRulesetInForceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * 结果应用 for next year's budget. The tables decide eligibility, actions and rates, and what they make of a
 * project's budget: each cut (rounded to the fen as shown), what is withheld and what is recommended, so every
 * line adds up; this class copies them and every total is the sum of the shown lines.
 * Projects with the same facts (budget included) get the same ruling, so each distinct combination is evaluated
 * once per request.
 */
@ApplicationScoped
public class BudgetAdjustments {

    @Inject
    DecisionEngine engine;
    @Inject
    ProjectRules projectRules;
    @Inject
    BudgetTables tables;

    public BudgetAdjustmentDecision decide(BudgetAdjustmentRequest request) {
        BudgetRequestCheck.check(request);
        engine.forJurisdiction(request.getJurisdiction());
        try {
            return decideChecked(request);
        } catch (NoRulesetInForceException e) {
            throw e.at("/budgetYear"); // the budget year picks the versions in force
        }
    }

    private BudgetAdjustmentDecision decideChecked(BudgetAdjustmentRequest request) {
        LocalDate date = LocalDate.of(request.getBudgetYear(), 1, 1);
        Totals totals = new Totals();

        Map<ProjectRules.Facts, Integer> distinct = new LinkedHashMap<>();
        for (BudgetProject project : request.getProjects()) {
            distinct.putIfAbsent(facts(project), distinct.size());
        }
        List<ProjectRules.Ruling> rulings = projectRules.rule(date, new ArrayList<>(distinct.keySet()));
        List<ProjectAdjustment> projects = new ArrayList<>(request.getProjects().size());
        Map<String, UnitNoNewRequests> barredUnits = new LinkedHashMap<>();
        for (BudgetProject project : request.getProjects()) {
            ProjectRules.Ruling ruling = rulings.get(distinct.get(facts(project)));
            projects.add(adjust(project, ruling, totals));
            if (ruling.unitNoNewRequests()) {
                barredUnits.computeIfAbsent(project.getUnit(), unit -> new UnitNoNewRequests().unit(unit)
                        .noNewRequestsNextYear(true).projects(new ArrayList<>()))
                        .getProjects().add(project.getProjectId());
            }
        }
        Map<String, BudgetTables.DepartmentRuling> departmentRulings = new HashMap<>();
        List<DepartmentAdjustment> departments = new ArrayList<>(request.getDepartments().size());
        for (BudgetDepartment department : request.getDepartments()) {
            BudgetTables.DepartmentRuling ruling = departmentRulings.computeIfAbsent(department.getOverallGrade().toString(),
                    grade -> tables.department(date, grade));
            departments.add(adjust(department, ruling, totals));
        }
        return new BudgetAdjustmentDecision()
                .budgetYear(request.getBudgetYear())
                .projects(projects)
                .departments(departments)
                .noNewRequestsNextYear(new ArrayList<>(barredUnits.values()))
                .totals(totals.toModel());
    }

    private static ProjectRules.Facts facts(BudgetProject project) {
        List<String> dimensions = project.getTargetDimensions() == null ? List.of()
                : project.getTargetDimensions().stream().sorted().toList();
        return new ProjectRules.Facts(project.getBudget(), project.getHasTargets(), dimensions,
                Boolean.TRUE.equals(project.getNewProject()), project.getSelfEvaluatedLastYear(),
                project.getEvaluationGrade() == null ? null : project.getEvaluationGrade().toString(),
                project.getRectificationDone(), Boolean.TRUE.equals(project.getClearlyBelowExpectations()),
                project.getTargetReview() == null ? null : project.getTargetReview().toString());
    }

    private static ProjectAdjustment adjust(BudgetProject project, ProjectRules.Ruling ruling, Totals totals) {
        ProjectRules.Amounts amounts = ruling.amounts();
        List<BudgetAction> actions = new ArrayList<>();
        for (ProjectRules.Action action : ruling.actions()) {
            BudgetAction shown = new BudgetAction().action(action.action()).label(action.label());
            if (action.rate() != null) {
                BigDecimal cut = amounts.cutByAction().get(action.action());
                if (cut == null) {
                    throw new IllegalStateException("the tables gave action " + action.action()
                            + " a rate but no amount");
                }
                BigDecimal amount = Money.output(cut);
                shown.rate(action.rate()).amount(amount);
                totals.cut(action, amount);
            }
            actions.add(shown);
        }
        BigDecimal cuts = amounts.cuts();
        BigDecimal withheld = amounts.withheld();
        BigDecimal recommended = amounts.recommendedBudget();
        boolean eligible = ruling.budgetArranged();
        totals.project(eligible, Money.output(cuts), Money.output(withheld), Money.output(recommended));
        return new ProjectAdjustment()
                .projectId(project.getProjectId())
                .unit(project.getUnit())
                .eligibility(ProjectAdjustment.EligibilityEnum.fromValue(ruling.eligibility()))
                .eligibilityLabel(ruling.eligibilityLabel())
                .reasons(codeLabels(ruling.reasons()))
                .missingDimensions(codeLabels(ruling.missingDimensions()))
                .suspensionTriggers(codeLabels(ruling.suspensionTriggers()))
                .actions(actions)
                .cuts(Money.output(cuts))
                .withheld(Money.output(withheld))
                .recommendedBudget(Money.output(recommended));
    }

    private static DepartmentAdjustment adjust(BudgetDepartment department, BudgetTables.DepartmentRuling ruling,
            Totals totals) {
        BigDecimal cut = Money.output(department.getPublicFunds().multiply(ruling.rate()));
        BigDecimal recommended = Money.output(department.getPublicFunds().subtract(cut));
        totals.department(ruling.action() != null, cut, recommended);
        return ModelCopy.of(ruling, DepartmentAdjustment.class) // the table's columns, as they are
                .departmentId(department.getDepartmentId())
                .publicFundsCut(cut)
                .recommendedPublicFunds(recommended);
    }

    private static List<CodeLabel> codeLabels(List<ProjectRules.CodeAndLabel> items) {
        return items.stream().map(i -> new CodeLabel().code(i.code()).label(i.label())).toList();
    }

    /** Running totals, each the sum of the rounded lines. */
    private static final class Totals {
        private final Map<String, CutTotal> cutsByKind = new LinkedHashMap<>();
        private BigDecimal projectCuts = BigDecimal.ZERO;
        private BigDecimal withheld = BigDecimal.ZERO;
        private BigDecimal recommendedBudget = BigDecimal.ZERO;
        private BigDecimal publicFundsCut = BigDecimal.ZERO;
        private BigDecimal recommendedPublicFunds = BigDecimal.ZERO;
        private int departmentsCut;
        private int eligible;
        private int notEligible;

        void cut(ProjectRules.Action action, BigDecimal amount) {
            CutTotal total = cutsByKind.computeIfAbsent(action.action(), code -> new CutTotal()
                    .action(code).label(action.label()).projects(0).amount(Money.output(BigDecimal.ZERO)));
            total.projects(total.getProjects() + 1).amount(total.getAmount().add(amount));
        }

        void project(boolean isEligible, BigDecimal cuts, BigDecimal withheldLine, BigDecimal recommended) {
            projectCuts = projectCuts.add(cuts);
            withheld = withheld.add(withheldLine);
            recommendedBudget = recommendedBudget.add(recommended);
            if (isEligible) {
                eligible++;
            } else {
                notEligible++;
            }
        }

        void department(boolean isCut, BigDecimal cut, BigDecimal recommended) {
            publicFundsCut = publicFundsCut.add(cut);
            recommendedPublicFunds = recommendedPublicFunds.add(recommended);
            if (isCut) {
                departmentsCut++;
            }
        }

        BudgetAdjustmentTotals toModel() {
            return new BudgetAdjustmentTotals()
                    .projectCuts(new ArrayList<>(cutsByKind.values()))
                    .projectCutsTotal(Money.output(projectCuts))
                    .withheldTotal(Money.output(withheld))
                    .recommendedBudgetTotal(Money.output(recommendedBudget))
                    .publicFundsCutTotal(Money.output(publicFundsCut))
                    .departmentsCut(departmentsCut)
                    .recommendedPublicFundsTotal(Money.output(recommendedPublicFunds))
                    .eligibleProjects(eligible)
                    .notEligibleProjects(notEligible);
        }
    }
}
