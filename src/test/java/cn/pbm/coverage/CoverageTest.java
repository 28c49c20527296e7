package cn.pbm.coverage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CoverageTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Item i: unit U-(i % 7), monitoring assigned to all, filed unless i % 10 == 3; self-evaluated unless i % 2 == 1. */
    private static String items(int n) {
        StringBuilder body = new StringBuilder(n * 230).append("{\"year\": 2023, \"items\": [");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"id\":\"C-").append(String.format("%06d", n - i)).append("\",\"unit\":\"U-").append(i % 7)
                    .append("\",\"kind\":\"PROJECT\",\"budgetType\":\"")
                    .append(i % 4 == 0 ? "GOVERNMENT_FUND" : "GENERAL_PUBLIC")
                    .append("\",\"amount\":").append(i % 5 + 1).append(".25")
                    .append(",\"hasTargets\":true,\"monitoringAssigned\":true,\"monitoringFiled\":").append(i % 10 != 3)
                    .append(",\"selfEvaluated\":").append(i % 2 == 0)
                    .append(",\"keyEvaluated\":false}");
        }
        return body.append("]}").toString();
    }

    /** 100,000 items in one request: counted exactly, the missing ids in request order up to the limit. */
    @Test
    void oneHundredThousandItemsAreCountedInRequestOrder() throws Exception {
        int n = 100_000;
        String text = given().contentType("application/json").body(items(n))
                .post("/api/v1/coverage").then().statusCode(200).extract().asString();
        JsonNode measures = JSON.readTree(text).get("measures");

        JsonNode filing = measures.get("monitoringFiling");
        int unfiled = n / 10; // i % 10 == 3
        assertThat(filing.at("/overall/covered").asInt()).isEqualTo(n - unfiled);
        assertThat(filing.at("/overall/total").asInt()).isEqualTo(n);
        assertThat(filing.at("/overall/rate").decimalValue()).isEqualByComparingTo("0.9000");
        assertThat(filing.get("met").asBoolean()).isFalse();
        assertThat(filing.at("/missing/count").asInt()).isEqualTo(unfiled);
        assertThat(filing.at("/missing/truncated").asBoolean()).isTrue();
        JsonNode ids = filing.at("/missing/ids");
        assertThat(ids.size()).isEqualTo(1000); // pbm.coverage.missing-limit
        for (int k = 0; k < ids.size(); k++) {
            int i = 10 * k + 3;
            assertThat(ids.get(k).asText()).isEqualTo(String.format("C-%06d", n - i));
        }
        // money: amounts 1.25 .. 5.25 by i % 5; over 100,000 items each appears 20,000 times
        BigDecimal total = new BigDecimal("3.25").multiply(BigDecimal.valueOf(n));
        assertThat(filing.at("/overall/amountTotal").decimalValue()).isEqualByComparingTo(total);

        JsonNode units = filing.get("byUnit");
        assertThat(units.size()).isEqualTo(7);
        for (int u = 0; u < 7; u++) {
            assertThat(units.get(u).get("key").asText()).isEqualTo("U-" + u);
        }
        int covered = 0;
        for (JsonNode unit : units) {
            covered += unit.at("/figures/covered").asInt();
        }
        assertThat(covered).isEqualTo(n - unfiled);
        assertThat(filing.at("/byBudgetType/1/figures/total").asInt()).isEqualTo(n / 4);

        JsonNode self = measures.get("selfEvaluation");
        assertThat(self.at("/overall/rate").decimalValue()).isEqualByComparingTo("0.5000");
        assertThat(self.at("/missing/ids/0").asText()).isEqualTo(String.format("C-%06d", n - 1));

        JsonNode key = measures.get("keyEvaluation");
        assertThat(key.has("goal")).as("key evaluation has no goal").isFalse();
        assertThat(key.has("met")).isFalse();
        assertThat(key.has("missing")).isFalse();
        assertThat(key.at("/overall/rate").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aRateOverNothingIsAbsent() throws Exception {
        String text = given().contentType("application/json").body("""
                {"year": 2023, "items": [{"id": "A", "unit": "甲局", "kind": "POLICY", "budgetType": "STATE_CAPITAL",
                  "amount": 0, "hasTargets": true, "monitoringAssigned": false, "monitoringFiled": false,
                  "selfEvaluated": true, "keyEvaluated": false}]}""")
                .post("/api/v1/coverage").then().statusCode(200).extract().asString();
        JsonNode measures = JSON.readTree(text).get("measures");
        assertThat(measures.at("/monitoringFiling/overall").has("rate")).isFalse();
        assertThat(measures.at("/monitoringFiling/overall").has("amountRate")).isFalse();
        assertThat(measures.at("/monitoringFiling/met").asBoolean()).isTrue();
        assertThat(measures.at("/targets/overall/rate").decimalValue()).isEqualByComparingTo("1");
        assertThat(measures.at("/targets/overall").has("amountRate")).as("no money in scope").isFalse();
    }

    @Test
    void moreThanOneHundredThousandItemsAreRefused() {
        given().contentType("application/json").body(items(100_001))
                .post("/api/v1/coverage").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("/items"));
    }
}
