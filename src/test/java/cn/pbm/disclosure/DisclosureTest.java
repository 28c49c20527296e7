package cn.pbm.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.pbm.ContractClient;
import cn.pbm.client.api.DisclosureApi;
import cn.pbm.client.model.DeadlineStatus;
import cn.pbm.client.model.DisclosureDeadlineResult;
import cn.pbm.client.model.DisclosureDeadlinesDecision;
import cn.pbm.client.model.DisclosureDeadlinesRequest;
import cn.pbm.client.model.DisclosureItem;
import cn.pbm.client.model.DisclosureKind;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The disclosure deadlines endpoint through the client generated from the contract. */
@QuarkusTest
class DisclosureTest {

    @TestHTTPResource("/")
    URI base;

    private DisclosureDeadlinesDecision call(String asOf, DisclosureItem... items) throws Exception {
        return new DisclosureApi(ContractClient.at(base)).disclosureDeadlines(
                new DisclosureDeadlinesRequest().asOf(LocalDate.parse(asOf)).items(List.of(items)), false);
    }

    static DisclosureItem item(String id, DisclosureKind kind, String trigger) {
        return new DisclosureItem().itemId(id).kind(kind).triggerDate(LocalDate.parse(trigger)).classified(false);
    }

    @Test
    void theFourWorkedExamplesOfTheDigestInOneBatchInRequestOrder() throws Exception {
        DisclosureDeadlinesDecision decision = call("2026-03-31",
                item("E1", DisclosureKind.BUDGET_TARGETS_PUBLICATION, "2025-09-15"),
                item("E2", DisclosureKind.EVALUATION_REPORT_PUBLICATION, "2026-01-27"),
                item("E3", DisclosureKind.SELF_EVALUATION_PUBLICATION, "2025-01-06"),
                item("E4", DisclosureKind.BUDGET_TARGETS_PUBLICATION, "2025-03-02"));

        assertThat(decision.getResults()).extracting(DisclosureDeadlineResult::getItemId)
                .containsExactly("E1", "E2", "E3", "E4");
        assertThat(decision.getResults()).extracting(r -> r.getDueDate().toString())
                .containsExactly("2025-10-09", "2026-02-24", "2025-01-26", "2025-03-24");
        assertThat(decision.getResults()).extracting(DisclosureDeadlineResult::getShiftedForRestDays)
                .containsExactly(true, true, false, true);
        assertThat(decision.getResults()).allSatisfy(r -> {
            assertThat(r.getStatus()).isEqualTo(DeadlineStatus.OVERDUE);
            assertThat(r.getDaysAllowed()).isEqualTo(20);
            assertThat(r.getProvisional()).isFalse();
            assertThat(r.getLegalBasis()).containsAnyOf("二十日", "20日");
        });
        assertThat(decision.getResults().get(0).getDaysOverdue()).isEqualTo(173);
        assertThat(decision.getSummary()).containsEntry("OVERDUE", 4).containsEntry("PENDING", 0).hasSize(7);
    }

    @Test
    void theResponseNamesBothRulesetsAndHashesTheCalendarFiles() throws Exception {
        DisclosureDeadlinesDecision decision = call("2025-10-10",
                item("D1", DisclosureKind.TARGETS_TO_SUBORDINATES, "2025-09-15"));

        assertThat(decision.getRuleset().getId()).isEqualTo(DisclosureTables.KINDS);
        assertThat(decision.getRulesets()).extracting(r -> r.getId())
                .containsExactly(DisclosureTables.KINDS, DisclosureTables.STATUS);
        String listing = "";
        for (String file : List.of("dmn/disclosure/disclosure-kinds.dmn", "decisions/disclosure/calendar/2025.json",
                "decisions/disclosure/calendar/2026.json", "decisions/disclosure/counting.json")) {
            listing += sha256(Files.readAllBytes(Path.of(file))) + "  " + file + "\n";
        }
        assertThat(decision.getRuleset().getSha256()).isEqualTo(sha256(listing.getBytes("UTF-8")));
        assertThat(decision.getRulesets().get(1).getSha256())
                .isEqualTo(sha256(Files.readAllBytes(Path.of("dmn/disclosure/deadline-status.dmn"))));
    }

    @Test
    void everyKindOfTheContractHasARowInTheTable() throws Exception {
        List<DisclosureItem> items = new ArrayList<>();
        List<DisclosureItem> before2021 = new ArrayList<>();
        for (DisclosureKind kind : DisclosureKind.values()) {
            // a kind due with a draft needs the day the draft goes to the people's congress
            String draft = kind == DisclosureKind.REPORT_TO_PEOPLES_CONGRESS ? "2025-06-20" : null;
            items.add(item(kind.getValue(), kind, "2025-06-03")
                    .draftSubmittedOn(draft == null ? null : LocalDate.parse(draft)));
            before2021.add(item(kind.getValue(), kind, "2020-06-03")
                    .draftSubmittedOn(draft == null ? null : LocalDate.parse("2020-06-20")));
        }
        DisclosureDeadlinesDecision decision = call("2025-06-03", items.toArray(DisclosureItem[]::new));

        assertThat(decision.getResults()).hasSize(DisclosureKind.values().length).allSatisfy(r -> {
            assertThat(r.getKindLabel()).isNotBlank();
            assertThat(r.getLegalBasis()).isNotBlank();
            assertThat(r.getStatus()).isEqualTo(DeadlineStatus.PENDING);
        });
        // the 2015 edition has a row for every kind too (the 2021+ ones NOT_REQUIRED there)
        DisclosureDeadlinesDecision old = call("2020-06-03", before2021.toArray(DisclosureItem[]::new));
        assertThat(old.getRuleset().getVersion()).startsWith("1.");
        assertThat(old.getResults()).hasSize(DisclosureKind.values().length).allSatisfy(r -> {
            assertThat(r.getKindLabel()).isNotBlank();
            assertThat(r.getLegalBasis()).isNotBlank();
        });
        assertThat(old.getResults()).filteredOn(r -> r.getKind() == DisclosureKind.KEY_EVALUATION_RESULTS_PUBLICATION
                || r.getKind() == DisclosureKind.REPORT_TO_PEOPLES_CONGRESS)
                .extracting(DisclosureDeadlineResult::getStatus)
                .containsExactly(DeadlineStatus.NOT_REQUIRED, DeadlineStatus.NOT_REQUIRED);
    }

    @Test
    void aClassifiedItemHasNoDueDate() throws Exception {
        DisclosureDeadlineResult result = call("2025-10-10",
                item("C1", DisclosureKind.BUDGET_TARGETS_PUBLICATION, "2025-09-15").classified(true)).getResults().get(0);

        assertThat(result.getStatus()).isEqualTo(DeadlineStatus.EXEMPT);
        assertThat(result.getDueDate()).isNull();
        assertThat(result.getStatusBasis()).contains("国家秘密");
    }

    @Test
    void aCountIntoAnUnloadedYearIsProvisionalAndSaysWhichYear() throws Exception {
        DisclosureDeadlinesDecision decision = call("2026-12-31",
                item("P1", DisclosureKind.EVALUATION_REPORT_PUBLICATION, "2026-12-20"),
                item("P0", DisclosureKind.EVALUATION_REPORT_PUBLICATION, "2026-12-11"));

        DisclosureDeadlineResult past = decision.getResults().get(0);
        assertThat(past.getProvisional()).isTrue();
        assertThat(past.getDueDate()).isEqualTo("2027-01-11");
        assertThat(past.getMessage()).contains("2027").doesNotContain("2026");
        DisclosureDeadlineResult within = decision.getResults().get(1);
        assertThat(within.getProvisional()).isFalse();
        assertThat(within.getMessage()).isNull();
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
