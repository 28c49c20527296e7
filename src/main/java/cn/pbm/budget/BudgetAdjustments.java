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
import cn.pbm.platform.DecisionRecord;
import cn.pbm.platform.NoRulesetInForceException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 结果应用 for next year's budget. The tables decide eligibility, actions and rates; this class applies the
 * rates to the amounts. Each cut line is rounded (HALF_UP, fen) as it is shown; the recommended amount is the
 * input amount minus the shown cuts, so every line adds up, and every total is the sum of the shown lines.
 * Projects with the same facts get the same ruling, so each distinct combination is evaluated once per request.
 */
@ApplicationScoped
public class BudgetAdjustments {

    private final ProjectRules projectRules;
    private final DepartmentRules departmentRules;
    private final DecisionRecord record;

    public BudgetAdjustments(ProjectRules projectRules, DepartmentRules departmentRules, DecisionRecord record) {
        this.projectRules = projectRules;
        this.departmentRules = departmentRules;
        this.record = record;
    }

    @jakarta.inject.Inject
    cn.pbm.platform.DecisionEngine jurisdictionScope;

    public BudgetAdjustmentDecision decide(BudgetAdjustmentRequest request) {
        BudgetAdjustmentCheck.check(request);
        jurisdictionScope.forJurisdiction(request.getJurisdiction());
        try {
            return decideChecked(request);
        } catch (NoRulesetInForceException e) {
            throw e.at("/budgetYear"); // the budget year picks the versions in force
        }
    }

    private BudgetAdjustmentDecision decideChecked(BudgetAdjustmentRequest request) {
        LocalDate date = LocalDate.of(request.getBudgetYear(), 1, 1);
        Totals totals = new Totals();

        Map<ProjectRules.Facts, ProjectRules.Ruling> projectRulings = new HashMap<>();
        List<ProjectAdjustment> projects = new ArrayList<>(request.getProjects().size());
        Map<String, UnitNoNewRequests> barredUnits = new LinkedHashMap<>();
        for (BudgetProject project : request.getProjects()) {
            ProjectRules.Ruling ruling = projectRulings.computeIfAbsent(facts(project), f -> projectRules.rule(date, f));
            projects.add(adjust(project, ruling, totals));
            if (ruling.unitNoNewRequests()) {
                barredUnits.computeIfAbsent(project.getUnit(), unit -> new UnitNoNewRequests().unit(unit)
                        .noNewRequestsNextYear(true).projects(new ArrayList<>()))
                        .getProjects().add(project.getProjectId());
            }
        }
        Map<String, DepartmentRules.Ruling> departmentRulings = new HashMap<>();
        List<DepartmentAdjustment> departments = new ArrayList<>(request.getDepartments().size());
        for (BudgetDepartment department : request.getDepartments()) {
            DepartmentRules.Ruling ruling = departmentRulings.computeIfAbsent(department.getOverallGrade().toString(),
                    grade -> departmentRules.rule(date, grade));
            departments.add(adjust(department, ruling, totals));
        }
        return new BudgetAdjustmentDecision()
                .decisionId(record.decisionId())
                .ruleset(record.ruleset())
                .rulesets(record.rulesets())
                .budgetYear(request.getBudgetYear())
                .projects(projects)
                .departments(departments)
                .noNewRequestsNextYear(new ArrayList<>(barredUnits.values()))
                .totals(totals.toModel());
    }

    private static ProjectRules.Facts facts(BudgetProject project) {
        List<String> dimensions = project.getTargetDimensions() == null ? List.of()
                : project.getTargetDimensions().stream().sorted().toList();
        return new ProjectRules.Facts(project.getHasTargets(), dimensions,
                Boolean.TRUE.equals(project.getNewProject()), project.getSelfEvaluatedLastYear(),
                project.getEvaluationGrade() == null ? null : project.getEvaluationGrade().toString(),
                project.getRectificationDone(), Boolean.TRUE.equals(project.getClearlyBelowExpectations()),
                project.getTargetReview() == null ? null : project.getTargetReview().toString());
    }

    private static ProjectAdjustment adjust(BudgetProject project, ProjectRules.Ruling ruling, Totals totals) {
        BigDecimal budget = project.getBudget();
        BigDecimal cuts = BigDecimal.ZERO;
        List<BudgetAction> actions = new ArrayList<>();
        for (ProjectRules.Action action : ruling.actions()) {
            BudgetAction shown = new BudgetAction().action(action.action()).label(action.label());
            if (action.rate() != null) {
                BigDecimal amount = Money.output(budget.multiply(action.rate()));
                shown.rate(action.rate()).amount(amount);
                cuts = cuts.add(amount);
                totals.cut(action, amount);
            }
            actions.add(shown);
        }
        BigDecimal withheld = ruling.withheld() ? budget.subtract(cuts) : BigDecimal.ZERO;
        BigDecimal recommended = budget.subtract(cuts).subtract(withheld);
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

    private static DepartmentAdjustment adjust(BudgetDepartment department, DepartmentRules.Ruling ruling,
            Totals totals) {
        BigDecimal cut = Money.output(department.getPublicFunds().multiply(ruling.rate()));
        BigDecimal recommended = Money.output(department.getPublicFunds().subtract(cut));
        totals.department(ruling.action() != null, cut, recommended);
        return new DepartmentAdjustment()
                .departmentId(department.getDepartmentId())
                .belowGood(ruling.belowGood())
                .action(ruling.action())
                .actionLabel(ruling.actionLabel())
                .rate(ruling.rate())
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
