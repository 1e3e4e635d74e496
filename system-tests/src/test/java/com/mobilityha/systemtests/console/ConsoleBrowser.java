package com.mobilityha.systemtests.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}) on the operations
 * console, driven over WebDriver the way an administrator uses it; keeps screenshots under
 * {@code target/console-screenshots/}.
 */
public final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private ConsoleBrowser(ChromeDriver driver, Duration timeout) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    }

    /** Skips the test where Chromium or its driver is missing, except in CI (which installs both): there it fails. */
    public static void assumeInstalled() {
        assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute() || System.getenv("CI") != null,
                "needs chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
    }

    public static ConsoleBrowser open(Duration timeout) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-dev-shm-usage", "--window-size=1280,1400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), timeout);
    }

    /** Opens the console at {@code url} and signs in at the IdP's page as {@code username}. */
    public void signIn(String url, String username, String password) {
        driver.manage().deleteAllCookies();
        driver.get(url);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        fillSignIn(username, password);
    }

    /** Signs in when the IdP's page is shown (another site's console may need its own sign-in). */
    void signInIfAsked(String username, String password) {
        wait.until(page -> page.getCurrentUrl().contains("/admin/") || !page.findElements(By.id("username")).isEmpty());
        if (!driver.findElements(By.id("username")).isEmpty()) {
            fillSignIn(username, password);
        }
    }

    /** Fills the IdP's sign-in form (the dev IdP's or Keycloak's: both name their fields so) and submits it. */
    private void fillSignIn(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        WebElement passwordField = driver.findElement(By.id("password"));
        passwordField.sendKeys(password);
        passwordField.submit();
        wait.until(ExpectedConditions.urlContains("/admin/"));
    }

    void go(String url) {
        driver.get(url);
    }

    /** Waits until the element's text contains {@code text}; fails the test with what it showed instead. */
    public void awaitText(String css, String text) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        } catch (TimeoutException e) {
            throw new AssertionError("\"" + text + "\" never appeared in " + css + "; it shows: " + text(css), e);
        }
    }

    /** Waits until the element (a table cell) shows exactly {@code value}. */
    void awaitCell(String css, String value) {
        try {
            wait.until(ExpectedConditions.textToBe(By.cssSelector(css), value));
        } catch (TimeoutException e) {
            throw new AssertionError(css + " never showed " + value + "; it shows: " + text(css), e);
        }
    }

    String text(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).findFirst().orElse("(absent)");
    }

    /** The text of the row of table {@code tableId} whose cells contain {@code needle}, once there is one. */
    String awaitRow(String tableId, String needle) {
        String css = "#" + tableId + " tbody";
        awaitText(css, needle);
        return driver.findElements(By.cssSelector(css + " tr")).stream().map(WebElement::getText)
                .filter(row -> row.contains(needle)).findFirst().orElseThrow();
    }

    void choose(String selectId, String value) {
        new Select(driver.findElement(By.id(selectId))).selectByValue(value);
    }

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** The confirmation dialog's question, once it is open. */
    String confirmation() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-text"))).getText();
    }

    /** Runs a script in the page and gives its result (a string, number, boolean or list). */
    Object script(String javaScript) {
        return driver.executeScript(javaScript);
    }

    /** Waits until a script in the page answers true. */
    void awaitScript(String javaScript) {
        wait.until(page -> Boolean.TRUE.equals(driver.executeScript(javaScript)));
    }

    /** Resizes the window, e.g. to a phone's viewport. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The page's whole text (e.g. a JSON problem the browser shows as is). */
    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The console's session cookie, for HTTP calls made as the signed-in administrator. */
    public String sessionCookie() {
        return driver.manage().getCookies().stream()
                .filter(cookie -> cookie.getName().startsWith("q_session"))
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
