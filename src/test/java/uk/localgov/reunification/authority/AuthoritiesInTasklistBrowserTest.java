package uk.localgov.reunification.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.localgov.reunification.AxeCheck;
import uk.localgov.reunification.cluster.NodeCrashTest;
import uk.localgov.reunification.oversight.CockpitDashboardBrowserTest;

/**
 * The demo as its people see it, in headless Chromium speaking British or American English: the
 * demo's two authorities share one application, and in Tasklist a Southvale social worker finds
 * Southvale's children and none of Northshire's, and a Northshire one the other way round. The
 * application runs in a JVM of its own, with its webapps, as the README's run command starts it.
 */
class AuthoritiesInTasklistBrowserTest {

  /** Demo children of each authority whose work is on their social worker's list (demo/DemoCases). */
  static final List<String> SOUTHVALE_CHILDREN = List.of("Grace Holt", "Oliver Penn");
  static final List<String> NORTHSHIRE_CHILDREN = List.of("Amelia Hart", "Ava Collins", "Ruby Ellis");

  @TempDir
  static Path dir;
  static Process application;
  static int port;

  @BeforeAll
  static void theDemoStarts() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    application = NodeCrashTest.nodeProcess(dir.resolve("demo.log"), "server.port=" + port,
        "reunification.data-dir=" + dir.resolve("data"), "spring.main.banner-mode=off", "spring.profiles.active=demo",
        "camunda.bpm.metrics.db-reporter-activate=false");
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.currentTimeMillis() + 240_000;
    while (true) {
      assertThat(application.isAlive()).as("the demo started (see target/browser/authorities-demo.log)").isTrue();
      assertThat(System.currentTimeMillis()).as("the demo started in time").isLessThan(deadline);
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void theDemoStops() throws Exception {
    if (application != null) {
      application.destroy();
      application.waitFor();
      Files.createDirectories(Path.of("target", "browser"));
      Files.copy(dir.resolve("demo.log"), Path.of("target", "browser", "authorities-demo.log"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The social worker's Tasklist, once it shows one of these children. */
  static String tasklistOf(WebDriver browser, String user, List<String> ownChildren) {
    CockpitDashboardBrowserTest.logIn(browser, port, "tasklist", user, user);
    FluentWait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(60))
        .ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class);
    wait.until(page -> ownChildren.stream().anyMatch(child -> page.findElement(By.tagName("body")).getText().contains(child)));
    return browser.findElement(By.tagName("body")).getText();
  }

  static void screenshot(WebDriver browser, String name) throws Exception {
    Files.createDirectories(Path.of("target", "browser"));
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "browser", name),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-GB", "en-US"})
  void eachSocialWorkerFindsOnlyTheirOwnAuthoritysChildrenInTasklist(String language) throws Exception {
    WebDriver browser = CockpitDashboardBrowserTest.chromium(language);
    try {
      String southvale = tasklistOf(browser, "sv.socialworker1", SOUTHVALE_CHILDREN);
      screenshot(browser, "tasklist-southvale-" + language + ".png");
      assertThat(AxeCheck.criticalOrSerious(browser, "Tasklist: a Southvale social worker's list (" + language + ")"))
          .isEmpty();
      for (String child : NORTHSHIRE_CHILDREN) {
        assertThat(southvale).as("Southvale's worker is shown no Northshire child").doesNotContain(child);
      }
    } finally {
      browser.quit();
    }
    browser = CockpitDashboardBrowserTest.chromium(language);
    try {
      String northshire = tasklistOf(browser, "socialworker1", NORTHSHIRE_CHILDREN);
      screenshot(browser, "tasklist-northshire-" + language + ".png");
      for (String child : SOUTHVALE_CHILDREN) {
        assertThat(northshire).as("Northshire's worker is shown no Southvale child").doesNotContain(child);
      }
    } finally {
      browser.quit();
    }
  }
}
