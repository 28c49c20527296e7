package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import cn.pbm.security.TestTokens;
import cn.pbm.workbench.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The simulate page in a real browser (issue 17, Done when): a policy officer edits the red execution band from 20
 * to 15 points in the rendered table, runs it over the shipped 100-project sample, and reads the YELLOW → RED
 * count from the page; it equals the count computed from the dataset's own fields (SimulationTest.lagIn, exact).
 * In this package to reuse SimulationTest's computation.
 */
@QuarkusTest
class SimulationPageBrowserTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void movingTheRedBandTo15InThePageShowsTheYellowToRedCountOfTheSample() throws Exception {
        JsonNode sample = SimulationTest.sample();
        int expected = 0;
        for (JsonNode request : sample.get("requests")) {
            LocalDate asOf = LocalDate.parse(request.get("asOf").asText());
            for (JsonNode project : request.get("projects")) {
                expected += SimulationTest.lagIn(project, asOf, 15, 20) ? 1 : 0;
            }
        }
        assertThat(expected).isGreaterThan(5);

        WebDriver driver = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(300));
            driver.get(base.resolve("/workbench/simulate?ruleset=warning.execution-monitoring&version=2.0.0").toString());

            // without a token the samples cannot be listed: the page says why
            driver.findElement(By.id("load-samples")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#sample option"), "401"));

            // the officer pastes a token; it is kept in this tab's sessionStorage only
            String token = TestTokens.token("li.si", "policy-officer");
            WebElement tokenField = driver.findElement(By.id("token"));
            tokenField.sendKeys(token);
            assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('pbm.workbench.token')"))
                    .isEqualTo(token);
            assertThat(((JavascriptExecutor) driver).executeScript("return localStorage.length + document.cookie.length"))
                    .isEqualTo(0L);
            driver.findElement(By.id("load-samples")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sample option[value='warning-100-projects']")));
            new Select(driver.findElement(By.id("sample"))).selectByValue("warning-100-projects");

            // edit the band edges in the rendered table: red from 15, yellow [10..15)
            WebElement execution = driver.findElement(By.cssSelector(".ruleset-tables.editable .dmn-table[data-decision='executionLight']"));
            edit(execution.findElement(By.cssSelector("tr[data-row='1'] span.cell[data-kind='inputEntry']")), ">= 15");
            edit(execution.findElement(By.cssSelector("tr[data-row='2'] span.cell[data-kind='inputEntry']")), "[10..15)");
            assertThat(execution.findElements(By.cssSelector("td.edited"))).hasSize(2);

            driver.findElement(By.id("run")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("run-status"), "data-state", "done"));

            WebElement yellowToRed = driver.findElement(By.cssSelector(
                    "#transitions td[data-field='executionLight'][data-from='YELLOW'][data-to='RED']"));
            assertThat(Integer.parseInt(yellowToRed.getText())).isEqualTo(expected);
            assertThat(driver.findElement(By.id("evaluated")).getText()).isEqualTo("100");
            assertThat(driver.findElements(By.cssSelector("table.changed-items tbody tr"))).isNotEmpty();

            // the candidate offered for download is the table as edited, with its manifest entry beside it
            WebElement download = driver.findElement(By.cssSelector("#download-links a.download[data-path='dmn/warning/monitoring-lights.dmn']"));
            Object candidate = ((JavascriptExecutor) driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);",
                    download.getAttribute("href"));
            assertThat((String) candidate).contains("\"_mon_el_r1_i1\"><text>&gt;= 15</text>")
                    .contains("\"_mon_el_r2_i1\"><text>[10..15)</text>")
                    .contains("\"_mon_tl_r2_i1\"><text>[10..20)</text>"); // the target table is untouched
            assertThat(driver.findElement(By.id("manifest-entry")).getText())
                    .contains("id: warning.execution-monitoring").contains("version: \"2.1.0\"")
                    .contains("- dmn/warning/monitoring-lights.dmn");
            Browser.screenshot(driver, "simulate");
        } finally {
            driver.quit();
        }
    }

    private static void edit(WebElement cell, String text) {
        cell.click();
        cell.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        cell.sendKeys(text);
        assertThat(cell.getText()).isEqualTo(text);
    }

}
