package cn.pbm.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven by Debian's chromedriver (.ci/run installs both). A missing browser fails
 * the tests: it is never a reason to skip them. Nothing is downloaded (Selenium Manager is not needed when both
 * paths are given).
 */
public final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("pbm-test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("pbm-test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    public static WebDriver start() {
        assertThat(Files.isExecutable(CHROMIUM))
                .as(CHROMIUM + " is missing: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)")
                .isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER))
                .as(CHROMEDRIVER + " is missing: install Debian's chromium-driver (.ci/run does)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=zh-CN", "--window-size=1400,1000", "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        return driver;
    }

    /** Saves the browser's window (1400×1000) as it is now as target/screenshots/{name}.png. */
    static Path viewport(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser shows as target/screenshots/{name}.png, the window grown to the page's height. */
    public static Path screenshot(WebDriver driver, String name) {
        Object height = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return Math.min(document.documentElement.scrollHeight, 6000);");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(1400, Math.max(800, ((Number) height).intValue() + 120)));
        try {
            return viewport(driver, name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }
}
