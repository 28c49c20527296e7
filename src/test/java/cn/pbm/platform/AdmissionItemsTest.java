package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.pbm.api.model.BudgetAdjustmentRequest;
import cn.pbm.api.model.BudgetDepartment;
import cn.pbm.api.model.BudgetProject;
import cn.pbm.api.model.ScoreRequest;

/**
 * What a request counts against {@code pbm.admission.max-items}: the sizes of its body's top-level lists, at least
 * 1. The getters are found once per class (issue 19); every call still reads the body it is given.
 */
class AdmissionItemsTest {

    @Test
    void theItemsAreTheSizesOfTheTopLevelListsOfThisBody() {
        BudgetAdjustmentRequest request = new BudgetAdjustmentRequest().budgetYear(2025)
                .projects(new ArrayList<>(List.of(new BudgetProject(), new BudgetProject(), new BudgetProject())))
                .departments(new ArrayList<>(List.of(new BudgetDepartment(), new BudgetDepartment())));
        assertThat(Admission.items(request)).isEqualTo(5);
        request.getProjects().add(new BudgetProject());
        assertThat(Admission.items(request)).isEqualTo(6); // the same class, a longer list: read again
        assertThat(Admission.items(new BudgetAdjustmentRequest().budgetYear(2025).projects(null).departments(null)))
                .isEqualTo(1);
        assertThat(Admission.items(new ScoreRequest().score(BigDecimal.TEN))).isEqualTo(1); // no list
        assertThat(Admission.items(null)).isEqualTo(1);
    }
}
