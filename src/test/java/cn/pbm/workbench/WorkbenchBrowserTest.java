package cn.pbm.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The workbench in a real browser (headless chromium): what a new user sees. Each test saves a screenshot of its
 * page under target/screenshots/.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchBrowserTest {

    @TestHTTPResource("/")
    URI base;

    WebDriver driver;

    @BeforeAll
    void start() {
        driver = Browser.start();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(120));
    }

    private void open(String path) {
        driver.get(base.resolve(path).toString());
    }

    @Test
    void theCatalogueListsEveryDeployedRulesetWithEveryVersion() {
        open("/");
        List<WebElement> rows = driver.findElements(By.cssSelector("#catalogue tr.ruleset-version"));
        Set<String> shown = rows.stream().map(r -> r.getAttribute("data-ruleset") + "@" + r.getAttribute("data-version"))
                .collect(Collectors.toCollection(TreeSet::new));
        JsonPath catalogue = given().get("/api/v1/rulesets").then().statusCode(200).extract().jsonPath();
        Set<String> deployed = new TreeSet<>();
        List<String> ids = catalogue.getList("rulesets.id");
        for (int i = 0; i < ids.size(); i++) {
            for (String version : catalogue.<String>getList("rulesets[" + i + "].versions.version")) {
                deployed.add(ids.get(i) + "@" + version);
            }
        }
        assertThat(deployed).hasSizeGreaterThan(15);
        assertThat(shown).isEqualTo(deployed);
        // each version shows its hash, its scope and its source as the API gives them
        WebElement xiangyuan = driver.findElement(
                By.cssSelector("tr[data-ruleset='budget.project-library-admission'][data-version='2.1.0+140423']"));
        assertThat(xiangyuan.getText()).contains("140423").contains("襄垣县");
        assertThat(driver.findElement(By.cssSelector("tr[data-ruleset='grading.evaluation-grade'] code.hash"))
                .getAttribute("title")).isEqualTo(given().get("/api/v1/rulesets/grading.evaluation-grade").then()
                        .extract().jsonPath().getString("ruleset.versions[0].sha256"));
        Browser.screenshot(driver, "catalogue");
    }

    @Test
    void aRulesetPageRendersEachTableWithItsRowsAnnotationsAndTheDrlRules() {
        open("/");
        driver.findElement(By.cssSelector("a[href='/workbench/rulesets/warning.execution-monitoring']")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".dmn-table")));
        // without a version asked for: the default profile's version in force today
        assertThat(driver.findElement(By.id("selected-version")).getText()).isEqualTo("2.2.1"); // dmn/rulesets.yaml
        WebElement execution = driver.findElement(By.cssSelector(".dmn-table[data-decision='executionLight']"));
        assertThat(execution.findElement(By.cssSelector("h3")).getText()).contains("执行进度预警灯").contains("UNIQUE");
        List<WebElement> rows = execution.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).findElement(By.cssSelector("td.in")).getText()).isEqualTo(">= 20");
        assertThat(rows.get(0).findElement(By.cssSelector("td.out")).getText()).isEqualTo("\"RED\"");
        assertThat(rows.get(1).findElement(By.cssSelector("td.in")).getText()).isEqualTo("[10..20)");
        assertThat(rows.get(0).findElement(By.cssSelector("td.note")).getText()).contains("本服务默认值");
        assertThat(execution.findElements(By.cssSelector("thead th.in")).get(0).getText()).contains("执行进度滞后（百分点）");
        // the project light table: FIRST, three input columns, two output columns
        WebElement project = driver.findElement(By.cssSelector(".dmn-table[data-decision='projectLight']"));
        assertThat(project.findElement(By.cssSelector("h3")).getText()).contains("FIRST");
        assertThat(project.findElements(By.cssSelector("thead th.in"))).hasSize(3);
        assertThat(project.findElements(By.cssSelector("thead th.out"))).hasSize(2);
        // DRL rules with their descriptions
        WebElement recall = driver.findElement(By.cssSelector("table.drl tr[data-rule='RecallFunds']"));
        assertThat(recall.getText()).contains("10月31日（含）以后预计年底执行数低于预算");
        Browser.screenshot(driver, "ruleset");
        Browser.viewport(driver, "workbench"); // docs/images/workbench.png is a copy of this one
    }

    @Test
    void theDiffOfTwoDeployedVersionsShowsTheChangedCells() {
        open("/workbench/rulesets/disclosure.deadlines");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("diff-from"))).selectByValue("1.2.0");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("diff-to"))).selectByValue("2.2.0");
        driver.findElement(By.id("diff-submit")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("changed-cells")));
        assertThat(Integer.parseInt(driver.findElement(By.id("changed-cells")).getText())).isPositive();
        List<WebElement> changed = driver.findElements(By.cssSelector("table.diff td.changed"));
        assertThat(changed).isNotEmpty();
        assertThat(changed.get(0).findElement(By.tagName("del")).getText())
                .isNotEqualTo(changed.get(0).findElement(By.tagName("ins")).getText());
        Browser.screenshot(driver, "diff-disclosure");

        // the same table, two DRL files: 同心县's version differs in one rule only
        open("/workbench/rulesets/warning.execution-monitoring/diff?from=2.0.0&to=2.0.0%2B640324");
        assertThat(driver.findElement(By.id("changed-cells")).getText()).isEqualTo("0");
        assertThat(driver.findElement(By.cssSelector("tr[data-rule='RemindToAccelerate']")).getAttribute("data-status"))
                .isEqualTo("CHANGED");
        assertThat(driver.findElement(By.cssSelector("tr[data-rule='RecallFunds']")).getAttribute("data-status"))
                .isEqualTo("SAME");
        Browser.screenshot(driver, "diff-warning");
    }

    @Test
    void aTryItSubmissionHighlightsTheRowsTheEngineMatched() {
        open("/workbench/try");
        driver.findElement(By.cssSelector("nav.endpoints a[data-operation='monitoringWarnings']")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("request")));
        String request = driver.findElement(By.id("request")).getAttribute("value");
        assertThat(request).contains("XY-2023-0001");
        driver.findElement(By.id("try-submit")).click();
        waiting().until(ExpectedConditions.attributeToBeNotEmpty(driver.findElement(By.id("try-status")), "data-highlighted"));

        // what the API itself explains for the same request
        JsonPath explained = given().contentType(ContentType.JSON).body(request)
                .post("/api/v1/monitoring/warnings?explain=true").then().statusCode(200).extract().jsonPath();
        List<String> decisions = explained.getList("explanation.tables.decision");
        assertThat(decisions).contains("executionLight");
        int executionRow = explained.<Integer>getList("explanation.tables.find { it.decision == 'executionLight' }.matchedRows").get(0);
        assertThat(executionRow).isEqualTo(1); // nothing spent by 31 October: red

        WebElement execution = driver.findElement(By.cssSelector(
                "#tables .ruleset-tables[data-ruleset='warning.execution-monitoring'] .dmn-table[data-decision='executionLight']"));
        List<WebElement> matched = execution.findElements(By.cssSelector("tr.matched"));
        assertThat(matched).hasSize(1);
        assertThat(matched.get(0).getAttribute("data-row")).isEqualTo(String.valueOf(executionRow));
        assertThat(matched.get(0).getText()).contains(">= 20").contains("\"RED\"");
        assertThat(driver.findElement(By.id("answer")).getText()).contains("\"light\": \"RED\"");
        Browser.screenshot(driver, "try-it");
    }
}
