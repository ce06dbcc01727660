package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.localgov.reunification.ApplicationTest;

/**
 * A line manager logs into Cockpit in a real browser (Debian's chromium, driven through
 * chromium-driver) and reads the oversight dashboard: the figures of their team's 2025
 * ({@link TeamHistory}), with their costs and after-closure figures, the same as {@code /api/oversight}
 * gives them, and the links to download them as CSV. Without a browser the test
 * fails and says what to install; it never passes without having looked.
 */
@ApplicationTest
public class CockpitDashboardBrowserTest {

  static final String CHROMIUM = System.getProperty("browser.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  TestRestTemplate http;

  WebDriver browser;
  TeamHistory history;

  @AfterEach
  void closeEverything() {
    if (browser != null) {
      browser.quit();
    }
    ClockUtil.reset();
    if (history != null) {
      history.close();
    }
  }

  @Test
  void aLineManagerReadsTheTeamsFiguresOnCockpitsDashboard() throws Exception {
    browser = chromium();
    history = new TeamHistory(engine, "browser").build();
    ClockUtil.setCurrentTime(TeamHistory.NOW);

    logIn(browser, port, "cockpit", history.manager, history.password);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-figure='FIRST_VISIT.due']")));
    screenshot();
    assertThat(uk.localgov.reunification.AxeCheck.criticalOrSerious(browser, "Cockpit: the oversight dashboard")).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".dashboard > .sections")).stream().noneMatch(WebElement::isDisplayed))
        .as("a manager's start page is the oversight alone, without Camunda's charts").isTrue();

    assertThat(row("FIRST_VISIT")).as("first visits: due, on time, late, missed, overdue, not yet due, on time %")
        .containsExactly("3", "2", "1", "0", "0", "0", "67");
    assertThat(row("RETURN_REVIEW")).containsExactly("3", "2", "0", "0", "1", "0", "67");
    assertThat(row("RATIFICATION")).containsExactly("2", "1", "1", "0", "0", "0", "50");
    assertThat(row("CIN_REVIEW")).containsExactly("2", "1", "1", "0", "0", "0", "50");
    assertThat(figure("FIRST_VISIT." + history.team + ".late")).isEqualTo("1");

    List<WebElement> overdue = browser.findElements(By.cssSelector("[data-overdue]"));
    assertThat(overdue).hasSize(1);
    assertThat(overdue.get(0).getText()).contains(history.b, "Review after an unplanned return", "21/10/2025", "13");
    WebElement child = overdue.get(0).findElement(By.cssSelector("[data-figure='overdue.child'] a"));
    assertThat(child.getText()).as("the child named").isEqualTo("Test Child " + history.b + " (" + history.b + ")");
    assertThat(child.getDomAttribute("href")).as("and linked to the case").startsWith("#/process-instance/");
    assertThat(browser.findElement(By.cssSelector("[data-caution='returns.3.percent']")).getText())
        .as("a share of 2 children carries a caution").contains("fewer than 10 children");
    assertThat(browser.findElement(By.cssSelector("[data-plugin=reunification-oversight]")).getText())
        .doesNotContain(history.s);

    assertThat(figure("outcome.RETURNED_TO_CARE")).isEqualTo("1");
    assertThat(figure("outcome.STEPPED_DOWN_TO_UNIVERSAL")).isEqualTo("1");
    assertThat(figure("outcome.RETURN_NOT_SUPPORTED")).isEqualTo("1");
    assertThat(List.of(figure("returns.3.followedUp"), figure("returns.3.backInCare"), figure("returns.3.percent")))
        .containsExactly("2", "1", "50");
    assertThat(figure("returns.12.percent")).as("nobody has been home twelve months yet").isEqualTo("–");
    assertThat(figure("worker." + history.worker)).isEqualTo("2");
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed))
        .as("Camunda 7 CE's end-of-life banner is hidden from caseworkers").isTrue();
    assertThat(figure("caseload." + history.team + ".PLANNING")).isEqualTo("1");
    assertNoContentSecurityPolicyViolations(browser);

    Map<?, ?> api = http.withBasicAuth(history.manager, history.password).getForObject("/api/oversight", Map.class);
    for (Object entry : (List<?>) api.get("timeliness")) {
      Map<?, ?> timescale = (Map<?, ?>) entry;
      Map<?, ?> overall = (Map<?, ?>) timescale.get("overall");
      for (String key : List.of("due", "onTime", "late", "missed", "overdue", "pending")) {
        assertThat(figure(timescale.get("timescale") + "." + key)).as("%s %s as the API gives it",
            timescale.get("timescale"), key).isEqualTo(String.valueOf(overall.get(key)));
      }
    }

    WebElement costsSection = browser.findElement(By.cssSelector(".ro-costs"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", costsSection);
    Path shots = Path.of("target", "browser");
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
        shots.resolve("cockpit-oversight-costs.png"), StandardCopyOption.REPLACE_EXISTING);
    Map<?, ?> outcomes = (Map<?, ?>) api.get("outcomes");
    ((Map<?, ?>) outcomes.get("afterClosure")).forEach((key, value) ->
        assertThat(figure("afterClosure." + key)).as("after closure: %s as the API gives it", key)
            .isEqualTo(String.valueOf(value)));
    for (String key : List.of("backInCareInPeriod", "sustainedInPeriod")) {
      assertThat(figure("outcomes." + key)).as("%s as the API gives it", key).isEqualTo(String.valueOf(outcomes.get(key)));
    }
    Map<?, ?> costs = (Map<?, ?>) api.get("costs");
    Map<?, ?> unitCosts = (Map<?, ?>) costs.get("unitCosts");
    for (String key : List.of("returnsToCare", "returnsSustained", "familiesSupported")) {
      assertThat(figure("costs." + key)).as("costs: %s as the API gives it", key).isEqualTo(String.valueOf(costs.get(key)));
    }
    assertThat(figure("costs.familiesSupported")).as("the children who went home").isEqualTo(String.valueOf(
        outcomes.get("returnedHome")));
    for (String key : List.of("costOfReturnsToCare", "costOfSupport")) {
      assertThat(pounds(figure("costs." + key))).as("costs: %s as the API gives it", key)
          .isEqualTo(String.valueOf(costs.get(key)));
    }
    for (String key : List.of("returnToCare", "supportPerFamily")) {
      assertThat(pounds(figure("costs.unitCosts." + key))).isEqualTo(String.valueOf(unitCosts.get(key)));
    }
    assertThat(figure("costs.unitCosts.source")).isEqualTo(unitCosts.get("source"));

    // the download links are for the period shown, and Cockpit's login fetches them
    Map<?, ?> period = (Map<?, ?>) api.get("period");
    String csv = browser.findElement(By.cssSelector("[data-download=figures]")).getDomAttribute("href");
    assertThat(csv).isEqualTo("/api/oversight.csv?from=" + period.get("from") + "&to=" + period.get("to"));
    assertThat(browser.findElement(By.cssSelector("[data-download=overdue]")).getDomAttribute("href"))
        .isEqualTo("/api/oversight/overdue.csv?from=" + period.get("from") + "&to=" + period.get("to"));
    Object downloaded = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text().then(t => done(r.status + ' ' + t)))"
        + ".catch(e => done(String(e)));", csv);
    // the text arrives through ChromeDriver with its line ends as \n (OversightCsvTest reads the CRLF)
    assertThat(String.valueOf(downloaded).replace("\r\n", "\n")).startsWith("200 section,figure,label,team,teamName,value\n")
        .contains("\ncosts,familiesSupported,Families supported when a child went home,,," + outcomes.get("returnedHome")
            + "\n")
        .doesNotContain(history.s);
    assertNoContentSecurityPolicyViolations(browser);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-GB", "en-US"})
  void aManagerReadsAndTypesThePeriodDayFirst(String language) {
    browser = chromium(language);
    history = new TeamHistory(engine, "period" + language.replace("-", "").toLowerCase()).build();
    ClockUtil.setCurrentTime(TeamHistory.NOW);
    logIn(browser, port, "cockpit", history.manager, history.password);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-figure='FIRST_VISIT.due']")));
    Map<?, ?> period = (Map<?, ?>) http.withBasicAuth(history.manager, history.password)
        .getForObject("/api/oversight", Map.class).get("period");
    WebElement from = browser.findElement(By.cssSelector("[data-plugin=reunification-oversight] input[name=from]"));
    WebElement to = browser.findElement(By.cssSelector("[data-plugin=reunification-oversight] input[name=to]"));
    WebElement show = browser.findElement(By.xpath("//section[@data-plugin='reunification-oversight']//button[.='Show']"));
    assertThat(from.getDomAttribute("placeholder")).isEqualTo("dd/mm/yyyy");
    assertThat(from.getDomProperty("value")).as("the period shown day first in %s", language)
        .isEqualTo(dayFirst((String) period.get("from")));

    from.clear();
    from.sendKeys("01/02/2025");
    to.clear();
    to.sendKeys("28/02/2025");
    show.click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-download=figures]"), "href",
        "http://localhost:" + port + "/api/oversight.csv?from=2025-02-01&to=2025-02-28"));
    assertThat(browser.findElement(By.cssSelector("[name=from]")).getDomProperty("value"))
        .as("1 February, not 2 January").isEqualTo("01/02/2025");

    from.clear();
    from.sendKeys("31/02/2025");
    show.click();
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-period-refused]"))).getText())
        .as("an impossible day refused, saying what was read").contains("February 2025 has no day 31");
    assertThat(browser.findElement(By.cssSelector("[data-download=figures]")).getDomAttribute("href"))
        .as("the figures stay those of the period last read").isEqualTo("/api/oversight.csv?from=2025-02-01&to=2025-02-28");
    assertNoContentSecurityPolicyViolations(browser);
  }

  private static String dayFirst(String iso) {
    String[] parts = iso.split("-");
    return parts[2] + "/" + parts[1] + "/" + parts[0];
  }

  /** "£23,571" as the API's 23571. */
  private static String pounds(String shown) {
    assertThat(shown).startsWith("£");
    return shown.replace("£", "").replace(",", "");
  }

  private List<String> row(String timescale) {
    return List.of("due", "onTime", "late", "missed", "overdue", "pending", "onTimePercent").stream()
        .map(key -> figure(timescale + "." + key)).toList();
  }

  private String figure(String name) {
    return browser.findElement(By.cssSelector("[data-figure='" + name + "']")).getText().trim();
  }

  private void screenshot() throws Exception {
    Path shots = Path.of("target", "browser");
    Files.createDirectories(shots);
    File shot = browser.findElement(By.cssSelector("[data-plugin=reunification-oversight]"))
        .getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), shots.resolve("cockpit-oversight-dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Logs in through a webapp's login form as a person would. The form can be redrawn while the app
   * is still loading, which drops what was typed, so the values are checked before the click and
   * the login is tried again (three times at most) while the form stays on screen.
   */
  public static void logIn(WebDriver browser, int port, String app, String user, String password) {
    By username = By.cssSelector("input[ng-model=username]");
    for (int attempt = 1; ; attempt++) {
      try {
        browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/#/login");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement name = wait.until(ExpectedConditions.elementToBeClickable(username));
        WebElement secret = browser.findElement(By.cssSelector("input[ng-model=password]"));
        name.clear();
        name.sendKeys(user);
        secret.clear();
        secret.sendKeys(password);
        wait.until(typed -> user.equals(name.getDomProperty("value")) && password.equals(secret.getDomProperty("value")));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOfElementLocated(username));
        return;
      } catch (TimeoutException | StaleElementReferenceException stillOnTheLoginForm) {
        if (attempt == 3) {
          String page = browser.findElements(By.cssSelector(".notifications, .alert")).stream()
              .map(WebElement::getText).reduce("", (a, b) -> a + " " + b).trim();
          throw new AssertionError("could not log in to " + app + " as " + user + " in 3 attempts; the page says: '"
              + page + "'", stillOnTheLoginForm);
        }
      }
    }
  }

  /**
   * Fails on any Content-Security-Policy violation Chromium logged since the last look (the
   * console is read and emptied): the webapps, Camunda Forms and the project's plugins must run
   * under the policy application.yaml sets, without 'unsafe-eval'.
   */
  public static void assertNoContentSecurityPolicyViolations(WebDriver browser) {
    List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(message -> message.contains("Content Security Policy") || message.contains("unsafe-eval")
            || message.contains("EvalError"))
        .toList();
    assertThat(violations).as("Content-Security-Policy violations in the browser console").isEmpty();
  }

  /** Debian's chromium, headless; fails with what to install when it or its driver is missing. */
  public static WebDriver chromium() {
    return chromium(null);
  }

  /** Chromium speaking a language (en-GB, en-US): its interface and the languages its pages are asked in. */
  public static WebDriver chromium(String language) {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      fail("No browser for the Cockpit dashboard test: expected Chromium at " + CHROMIUM + " and ChromeDriver at "
          + CHROMEDRIVER + ". Install Debian's packages (apt-get install chromium chromium-driver; .ci/run does),"
          + " or name others with -Dbrowser.chromium=... -Dbrowser.chromedriver=...");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1400,2600");
    if (language != null) {
      options.addArguments("--lang=" + language);
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    }
    // the console, read by assertNoContentSecurityPolicyViolations
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).withSilent(true).build();
    return new ChromeDriver(service, options);
  }
}
