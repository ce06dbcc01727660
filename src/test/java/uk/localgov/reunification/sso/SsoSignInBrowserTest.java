package uk.localgov.reunification.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.oversight.CockpitDashboardBrowserTest;
import uk.localgov.testprovider.TestProvider;

/**
 * A social worker signs in to Tasklist through the council's provider in headless Chromium and
 * sees their own work; signing out ends the session at the provider too.
 */
class SsoSignInBrowserTest extends SsoContext {

  @Autowired
  TestRestTemplate http;

  WebDriver browser;

  @BeforeEach
  void openBrowser() {
    browser = CockpitDashboardBrowserTest.chromium();
  }

  @AfterEach
  void closeBrowser() {
    browser.quit();
  }

  String aCaseOf(String socialWorker) {
    String childId = "SSO-TL-" + System.nanoTime() % 1000000;
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(TOKENS.clientCredentials(TestProvider.CASE_RECORDS));
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> started = http.exchange(REST + "/process-definition/key/unplannedReturn/start", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", SsoBearerTokenTest.typed(SsoBearerTokenTest.unplannedChild(childId, socialWorker))),
            headers), String.class);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    return childId;
  }

  void signInAtTheProvider(String person) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys(person);
    browser.findElement(By.id("password")).sendKeys(person);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  @Test
  void aSocialWorkerSignsInThroughTheProviderAndSeesTheirOwnTasklist() {
    String own = aCaseOf("sam.north");
    String colleagues = aCaseOf("kim.south");

    browser.get(APP + "/camunda/app/tasklist/sso/");
    assertThat(browser.getCurrentUrl()).as("the provider's sign-in").startsWith(ISSUER);
    signInAtTheProvider("sam.north");

    // a page still being drawn may lose the element a look began with: look again
    FluentWait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(45))
        .ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class);
    wait.until(driver -> driver.getCurrentUrl().startsWith(APP + "/camunda/app/tasklist/sso/"));
    // Tasklist draws at once: the page carries its own header's CSP nonce (security/OwnNonceOnEachPage;
    // before it, the page the sign-in lands on now and then had every script refused)
    try {
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Test Child " + own));
    } catch (org.openqa.selenium.TimeoutException notShown) {
      throw new AssertionError("Tasklist at " + browser.getCurrentUrl() + " drew nothing; it said "
          + browser.manage().logs().get("browser").getAll() + " and shows: "
          + browser.findElement(By.tagName("body")).getText(), notShown);
    }
    String page = browser.findElement(By.tagName("body")).getText();
    assertThat(page).contains("Sam North").doesNotContain("Test Child " + colleagues);
    CockpitDashboardBrowserTest.assertNoContentSecurityPolicyViolations(browser);
    Cookie session = browser.manage().getCookieNamed("JSESSIONID");
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Lax");

    browser.get(APP + SsoSecurity.LOGOUT);
    // the provider's session ended too: back at the application, the provider asks for a password again
    wait.until(ExpectedConditions.elementToBeClickable(By.id("username")));
    assertThat(browser.getCurrentUrl()).startsWith(ISSUER);
  }

  @Test
  void camundasCsrfProtectionHoldsUnderSso() {
    String own = aCaseOf("sam.north");
    browser.get(APP + "/camunda/app/tasklist/sso/");
    signInAtTheProvider("sam.north");
    new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Test Child " + own));

    // Camunda's CSRF protection holds: a change from the signed-in page without its token is refused
    // (and, as without sso, Camunda ends the session)
    Object refused = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/camunda/api/engine/engine/sso/task/create', {method: 'POST', headers: {'Content-Type': 'application/json'},"
        + " body: '{}'}).then(answer => done(answer.status));");
    assertThat(((Number) refused).intValue()).isEqualTo(403);
  }
}
