package cn.pbm.warning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
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
import cn.pbm.client.api.MonitoringApi;
import cn.pbm.client.model.FollowUpAction;
import cn.pbm.client.model.Light;
import cn.pbm.client.model.MonitoredProject;
import cn.pbm.client.model.MonitoredTarget;
import cn.pbm.client.model.MonitoringDecision;
import cn.pbm.client.model.MonitoringRequest;
import cn.pbm.client.model.ProjectWarning;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The monitoring endpoint through the client generated from the contract. */
@QuarkusTest
class WarningTest {

    @TestHTTPResource("/")
    URI base;

    private MonitoringApi api() {
        return new MonitoringApi(ContractClient.at(base));
    }

    /**
     * HTTP/1.1: the JDK client otherwise offers an h2c upgrade, and the server mishandles the upgrade of a
     * request with a large body (tens of MB): `curl --http2` with this size of body gets a 400 whose parser
     * saw "PRI" (the HTTP/2 preface) in the body, and the JDK client once read a corrupted response.
     * HTTP/1.1 and HTTP/2 with prior knowledge both work.
     */
    private MonitoringApi http11Api() {
        return new MonitoringApi(ContractClient.at(base)
                .setHttpClientBuilder(java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)));
    }

    private static MonitoredProject project(String id, String budget, String executed) {
        return new MonitoredProject().projectId(id).budget(new BigDecimal(budget)).executed(new BigDecimal(executed))
                .directFunds(false).implementationConditionsMet(true);
    }

    @Test
    void theIssueExampleIsRedWithItsActionsAndNamesTheRuleset() throws Exception {
        MonitoringDecision decision = api().monitoringWarnings(new MonitoringRequest()
                .asOf(LocalDate.of(2023, 10, 31))
                .projects(List.of(project("XY-2023-0001", "1000000.00", "0").projectName("农村道路养护")
                        .targets(List.of(new MonitoredTarget().name("养护里程（公里）")
                                .direction(MonitoredTarget.DirectionEnum.LEAST)
                                .expected(new BigDecimal("100")).actual(new BigDecimal("40")))))), false);

        ProjectWarning result = decision.getResults().get(0);
        assertThat(result.getTimeProgress()).isEqualByComparingTo("0.8329"); // 304 / 365
        assertThat(result.getExecutionRate()).isEqualByComparingTo("0");
        assertThat(result.getExecutionLight()).isEqualTo(Light.RED);
        assertThat(result.getTargetLights()).containsExactly(Light.RED);
        assertThat(result.getLight()).isEqualTo(Light.RED);
        assertThat(result.getLightLabel()).isEqualTo("红灯");
        assertThat(result.getActions()).extracting(FollowUpAction::getCode).containsExactly(
                FollowUpAction.CodeEnum.REMIND_ACCELERATE, FollowUpAction.CodeEnum.ZERO_SPENDING_WATCHLIST,
                FollowUpAction.CodeEnum.REDUCE_NEXT_YEAR_BUDGET);
        assertThat(result.getActions()).allSatisfy(a -> assertThat(a.getSource()).contains("《").doesNotContain("seed"));
        assertThat(decision.getSummary().getRed()).isEqualTo(1);
        assertThat(decision.getDecisionId()).isNotNull();
        assertThat(decision.getRuleset().getId()).isEqualTo(WarningTables.RULESET);
        assertThat(decision.getRuleset().getSha256()).isEqualTo(manifestHash(
                "dmn/warning/monitoring-lights.2.2.1.dmn", "decisions/warning/follow-up-actions.drl"));
    }

    /**
     * A county's whole list: 100,000 projects in one request (built so that each one's light is known:
     * fully executed, 15 points behind, or nothing executed at year end), answered in request order.
     */
    @Test
    void oneHundredThousandProjectsInOneRequestComeBackInOrderWithTheirSummary() throws Exception {
        int n = 100_000;
        List<MonitoredProject> projects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String executed = switch (i % 3) {
                case 0 -> "1000.00"; // no lag
                case 1 -> "850"; // 15 points behind
                default -> "0"; // nothing executed
            };
            projects.add(project(String.format("P-%06d", n - i), "1000", executed).directFunds(i % 4 == 0));
        }
        MonitoringDecision decision = http11Api().monitoringWarnings(
                new MonitoringRequest().asOf(LocalDate.of(2023, 12, 31)).projects(projects), false);

        assertThat(decision.getResults()).hasSize(n);
        for (int i = 0; i < n; i++) {
            ProjectWarning result = decision.getResults().get(i);
            assertThat(result.getProjectId()).isEqualTo(String.format("P-%06d", n - i));
            assertThat(result.getLight()).isEqualTo(switch (i % 3) {
                case 0 -> Light.GREEN;
                case 1 -> Light.YELLOW;
                default -> Light.RED;
            });
        }
        int green = (n + 2) / 3;
        int yellow = (n + 1) / 3;
        int red = n / 3;
        int direct = (n + 3) / 4;
        var summary = decision.getSummary();
        assertThat(summary.getTotal()).isEqualTo(n);
        assertThat(summary.getGreen()).isEqualTo(green);
        assertThat(summary.getYellow()).isEqualTo(yellow);
        assertThat(summary.getRed()).isEqualTo(red);
        assertThat(summary.getActions()).containsEntry("REMIND_ACCELERATE", yellow + red)
                .containsEntry("ZERO_SPENDING_WATCHLIST", red)
                .containsEntry("FOCUS_MONITORING", direct)
                .containsEntry("RECALL_FUNDS", 0)
                .containsEntry("SUSPEND_PAYMENT", 0)
                .containsEntry("REDUCE_NEXT_YEAR_BUDGET", 0);
    }

    @Test
    void everyBadProjectIsNamedAndNothingIsDecided() {
        given().contentType("application/json").body("""
                {"asOf": "2023-10-31", "projects": [
                  {"projectId": "A", "budget": 100, "executed": 100.01, "directFunds": false, "implementationConditionsMet": true},
                  {"projectId": "B", "budget": 100, "executed": 1, "directFunds": false, "implementationConditionsMet": true},
                  {"projectId": "A", "budget": 100, "executed": 1, "directFunds": false, "implementationConditionsMet": true}]}
                """)
                .post("/api/v1/monitoring/warnings").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", contains("/projects/0/executed", "/projects/2/projectId"));
    }

    @Test
    void anUnknownDirectionNamesTheTarget() {
        given().contentType("application/json").body("""
                {"asOf": "2023-10-31", "projects": [
                  {"projectId": "A", "budget": 100, "executed": 1, "directFunds": false, "implementationConditionsMet": true,
                   "targets": [{"name": "x", "direction": "ABOUT", "expected": 1, "actual": 1}]}]}
                """)
                .post("/api/v1/monitoring/warnings").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("/projects/0/targets/0/direction"));
    }

    /** A long list body (from pbm.batch.parallel-from = 256 projects on) whose project i lags 0, 15 or 100 points. */
    private static String longList(int n, String asOf, java.util.function.IntFunction<String> extra) {
        StringBuilder body = new StringBuilder("{" + asOf + "\"projects\": [");
        for (int i = 0; i < n; i++) {
            String executed = switch (i % 3) {
                case 0 -> "1000";
                case 1 -> "850";
                default -> "0";
            };
            body.append(i == 0 ? "" : ",").append("{\"projectId\": \"P-").append(i).append("\", \"budget\": ")
                    .append(extra.apply(i) == null ? "1000" : extra.apply(i)).append(", \"executed\": ").append(executed)
                    .append(", \"directFunds\": false, \"implementationConditionsMet\": true")
                    .append(i == 3 ? ", \"targets\": [{\"name\": \"x\", \"expected\": 1, \"actual\": 1}]" : "")
                    .append("}");
        }
        return body.append("]}").toString();
    }

    /** A long list is validated on all cores, outside the endpoint: its violations read exactly as a short list's. */
    @Test
    void aLongListBreakingTheContractNamesEveryFieldAsAShortOneDoes() {
        String longBody = longList(300, "", i -> i == 257 ? "-1" : null);
        given().contentType("application/json").body(longBody)
                .post("/api/v1/monitoring/warnings").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("The body breaks the API contract."))
                .body("errors.field", contains("/asOf", "/projects/257/budget", "/projects/3/targets/0/direction"));

        String shortBody = longList(4, "", i -> i == 2 ? "-1" : null);
        given().contentType("application/json").body(shortBody)
                .post("/api/v1/monitoring/warnings").then()
                .statusCode(400)
                .body("detail", equalTo("The body breaks the API contract."))
                .body("errors.field", contains("/asOf", "/projects/2/budget", "/projects/3/targets/0/direction"))
                .body("errors.message", contains("must not be null", "must be greater than 0", "must not be null"));
    }

    /** A long list is evaluated on all cores; the explanation still lists each project's tables in request order. */
    @Test
    void aLongListIsExplainedInRequestOrder() {
        int n = 600;
        String body = longList(n, "\"asOf\": \"2023-12-31\", ", i -> null).replace(
                ", \"targets\": [{\"name\": \"x\", \"expected\": 1, \"actual\": 1}]", "");
        List<List<Integer>> rows = given().contentType("application/json").body(body)
                .post("/api/v1/monitoring/warnings?explain=true").then()
                .statusCode(200)
                .extract().path("explanation.tables.findAll { it.decision == 'executionLight' }.matchedRows");
        assertThat(rows).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(rows.get(i)).as("project %d", i).containsExactly(switch (i % 3) {
                case 0 -> 3; // GREEN: no lag
                case 1 -> 2; // YELLOW: 15 points
                default -> 1; // RED: 100 points
            });
        }
    }

    /** The manifest's hash of a rule set of several files: the sha256sum-style listing of its files, hashed. */
    static String manifestHash(String... files) throws Exception {
        StringBuilder listing = new StringBuilder();
        for (String file : files) {
            listing.append(sha256(Files.readAllBytes(Path.of(file)))).append("  ").append(file).append('\n');
        }
        return sha256(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
