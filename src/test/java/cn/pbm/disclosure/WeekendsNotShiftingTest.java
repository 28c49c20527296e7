package cn.pbm.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.pbm.ContractClient;
import cn.pbm.client.api.DisclosureApi;
import cn.pbm.client.model.DisclosureDeadlineResult;
import cn.pbm.client.model.DisclosureDeadlinesRequest;
import cn.pbm.client.model.DisclosureKind;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code pbm.disclosure.weekends-shift-deadline=false}: a Saturday last day stays; official holidays still shift. */
@QuarkusTest
@TestProfile(WeekendsNotShiftingTest.WeekendsOff.class)
class WeekendsNotShiftingTest {

    public static class WeekendsOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pbm.disclosure.weekends-shift-deadline", "false");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void onlyOfficialHolidaysShiftTheDeadline() throws Exception {
        List<DisclosureDeadlineResult> results = new DisclosureApi(ContractClient.at(base)).disclosureDeadlines(
                new DisclosureDeadlinesRequest().asOf(LocalDate.parse("2025-12-31")).items(List.of(
                        DisclosureDeadlinesTest.item("SAT", DisclosureKind.BUDGET_TARGETS_PUBLICATION, "2025-03-02"),
                        DisclosureDeadlinesTest.item("HOL", DisclosureKind.BUDGET_TARGETS_PUBLICATION, "2025-09-15"))),
                false).getResults();

        assertThat(results.get(0).getDueDate()).isEqualTo("2025-03-22");
        assertThat(results.get(0).getShiftedForRestDays()).isFalse();
        assertThat(results.get(1).getDueDate()).isEqualTo("2025-10-09");
    }
}
