package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.casework.Cases.with;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.AxeCheck;
import uk.localgov.reunification.oversight.CockpitDashboardBrowserTest;

/**
 * A caseworker's day in Tasklist and an administrator's look at Cockpit, in headless Chromium
 * speaking British or American English: a date typed day first is stored as that day and an
 * impossible one is refused saying what was read; a refusal reads in plain words; the focus is in
 * the form when a task opens; overdue work comes first; the Head of Service finds ratifications on
 * the first screen; Cockpit's process definition page keeps its versions under the query limit; and
 * axe-core finds no critical or serious WCAG 2.2 AA violation on the pages a caseworker uses.
 */
@ApplicationTest
class CaseworkersDayBrowserTest extends ProcessTest {

  static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  @LocalServerPort
  int port;

  WebDriver browser;

  @AfterEach
  void closeTheBrowser(org.junit.jupiter.api.TestInfo test) throws Exception {
    if (browser != null) {
      // what the browser showed last, to read when a test fails
      Files.createDirectories(Path.of("target", "browser"));
      Files.writeString(Path.of("target", "browser", "last-" + test.getTestMethod().orElseThrow().getName() + ".html"),
          browser.getPageSource());
      screenshot("last-" + test.getTestMethod().orElseThrow().getName() + ".png");
      browser.quit();
    }
  }

  /** A child on a care order who went home after a placement broke down, {@code daysAgo} days ago. */
  ProcessInstance wentHome(int daysAgo) {
    return runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("DAY-")),
        "returnDate", LocalDate.now(ENGLAND).minusDays(daysAgo).toString(), "returnReason", "PLACEMENT_BREAKDOWN"));
  }

  /** The latest day since the return whose day of the month could be read as a month: the day a misreading moves. */
  static LocalDate aDayAMonthFirstReadingWouldMove(LocalDate since) {
    LocalDate day = LocalDate.now(ENGLAND);
    while (day.getDayOfMonth() > 12 || day.getDayOfMonth() == day.getMonthValue()) {
      day = day.minusDays(1);
    }
    assertThat(day).isAfterOrEqualTo(since);
    return day;
  }

  String tasklist(String taskId) {
    return "http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  WebElement open(String taskId) {
    browser.get(tasklist(taskId));
    return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".fjs-container .fjs-datepicker input.fjs-input")));
  }

  String readAs(WebElement dateInput) {
    return dateInput.findElement(By.xpath("./ancestor::*[contains(@class,'fjs-form-field')][1]"))
        .findElement(By.cssSelector("[data-reunification-date-note]")).getText();
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-GB", "en-US"})
  void aVisitDateTypedDayFirstIsStoredAsThatDay(String language) throws Exception {
    browser = CockpitDashboardBrowserTest.chromium(language);
    ProcessInstance instance = wentHome(40);
    String visit = task(FIRST_HOME_VISIT, instance).getId();
    LocalDate visited = aDayAMonthFirstReadingWouldMove(LocalDate.now(ENGLAND).minusDays(40));

    CockpitDashboardBrowserTest.logIn(browser, port, "tasklist", "socialworker1", "socialworker1");
    WebElement date = open(visit);
    assertThat(date.getDomAttribute("placeholder")).as("the field asks for the day first").isEqualTo("dd/mm/yyyy");
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(focused -> date.equals(browser.switchTo().activeElement()));

    date.sendKeys(visited.format(DAY_FIRST));
    browser.findElement(By.cssSelector(".fjs-form textarea")).click();
    assertThat(readAs(date)).isEqualTo("Read as " + visited.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy")) + ".");
    for (WebElement text : browser.findElements(By.cssSelector(".fjs-form textarea"))) {
      text.sendKeys("Seen at home with mother");
    }
    for (WebElement tick : browser.findElements(By.cssSelector(".fjs-form input[type=checkbox]"))) {
      tick.click();                                        // seen alone, and the child's welfare safeguarded
    }
    screenshot("first-home-visit-" + language + ".png");
    assertThat(AxeCheck.criticalOrSerious(browser, "Tasklist: a task's form (" + language + ")")).isEmpty();
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();

    new WebDriverWait(browser, Duration.ofSeconds(30)).until(done -> tasks.createTaskQuery().taskId(visit).count() == 0);
    // the task opened with the field blank; what it recorded is the day typed
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(atHome(instance).getId())
        .variableName("visitDate").list().stream().map(stored -> String.valueOf(stored.getValue()))
        .filter(stored -> !stored.isBlank()).toList()).containsExactly(visited.toString());
  }

  /** Issue 30: the service managers' decision is acted on, on the social worker's own form, with the day typed day first. */
  @ParameterizedTest
  @ValueSource(strings = {"en-GB", "en-US"})
  void theDayAChildWentBackIntoCareIsRecordedDayFirstOnItsOwnForm(String language) throws Exception {
    browser = CockpitDashboardBrowserTest.chromium(language);
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("DAY-")),
        "legalStatus", "SECTION_20", "returnDate", LocalDate.now(ENGLAND).minusDays(20).toString(),
        "returnReason", "PARENT_REMOVED_FROM_SECTION_20"));
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Outreach team daily; school"));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Plan agreed"));
    complete(task(RATIFY_DECISION, sub("ratification", instance)), vars("ratificationDecision", "NOT_RATIFIED",
        "ratificationReasons", "No named adult after school", "childWishesConsidered", true, "iroConsulted", true,
        "relativesConsulted", true, "carersConsulted", true));
    complete(task(DECIDE_NEXT_STEPS, instance), vars("nextSteps", "RETURN_TO_CARE",
        "nextStepsNotes", "Mother agrees to accommodation under section 20"));
    String record = task(RECORD_RETURN_TO_CARE, instance).getId();
    LocalDate back = aDayAMonthFirstReadingWouldMove(LocalDate.now(ENGLAND).minusDays(20));

    CockpitDashboardBrowserTest.logIn(browser, port, "tasklist", "socialworker1", "socialworker1");
    browser.get(tasklist(record));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'fjs-form')]//label[contains(., 'went back into care')]"))).click();
    WebElement date = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".fjs-container .fjs-datepicker input.fjs-input")));
    assertThat(date.getDomAttribute("placeholder")).isEqualTo("dd/mm/yyyy");
    date.sendKeys(back.format(DAY_FIRST));
    for (WebElement text : browser.findElements(By.cssSelector(".fjs-form textarea:not([readonly]):not([disabled])"))) {
      text.sendKeys("Placed with foster carers; mother agreed");
    }
    assertThat(readAs(date)).isEqualTo("Read as " + back.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy")) + ".");
    assertThat(browser.findElements(By.cssSelector("[data-reunification-claim-notice]")))
        .as("no 'press Claim' line on the assignee's own form, though it shows a fact read-only").isEmpty();
    screenshot("record-return-to-care-" + language + ".png");
    assertThat(AxeCheck.criticalOrSerious(browser, "Tasklist: recording a return to care (" + language + ")")).isEmpty();
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();

    wait.until(done -> tasks.createTaskQuery().taskId(record).count() == 0);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("returnedToCareOn").singleResult().getValue()).isEqualTo(back.toString());
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .as("the case ended with the child back in care").isZero();
  }

  @Test
  void anImpossibleDateIsRefusedSayingWhatWasReadAndARefusedVisitInPlainWords() throws Exception {
    browser = CockpitDashboardBrowserTest.chromium("en-GB");
    ProcessInstance instance = wentHome(10);
    String visit = task(FIRST_HOME_VISIT, instance).getId();

    CockpitDashboardBrowserTest.logIn(browser, port, "tasklist", "socialworker1", "socialworker1");
    WebElement date = open(visit);
    date.sendKeys("31/02/2026");
    browser.findElement(By.cssSelector(".fjs-form textarea")).click();
    assertThat(readAs(date)).isEqualTo("\"31/02/2026\" was read as day 31 of February 2026: February 2026 has no day 31."
        + " Type the day first, then the month, for example 28/11/2026.");
    for (WebElement text : browser.findElements(By.cssSelector(".fjs-form textarea"))) {
      text.sendKeys("Seen at home");
    }
    // Camunda Forms holds the date it could not take as blank, so Tasklist holds Complete back
    WebElement complete = browser.findElement(By.xpath("//button[normalize-space()='Complete']"));
    assertThat(complete.isEnabled()).as("Complete held back while the date is refused").isFalse();
    ((JavascriptExecutor) browser).executeScript("arguments[0].click();", complete);
    assertThat(tasks.createTaskQuery().taskId(visit).count()).as("not submitted").isEqualTo(1);

    LocalDate returned = LocalDate.now(ENGLAND).minusDays(10);
    date.clear();
    date.sendKeys(returned.minusDays(3).format(DAY_FIRST));
    browser.findElement(By.cssSelector(".fjs-form textarea")).click();
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    String refusal = new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[@role='alert'][contains(., 'An error happened')]"))).getText();
    screenshot("a-refused-visit.png");
    assertThat(refusal).contains("Date of the visit: must not be before the child went home on")
        .contains(returned.format(DAY_FIRST))
        .doesNotContain("Cannot submit", visit, "Exception", "'visitDate'");
    assertThat(tasks.createTaskQuery().taskId(visit).count()).isEqualTo(1);
  }

  @Test
  void overdueWorkComesFirstAndUndatedWorkLast() throws Exception {
    browser = CockpitDashboardBrowserTest.chromium("en-GB");
    ProcessInstance undated = runtime.startProcessInstanceByKey("plannedReturn", with(careOrderChild(newChildId("DAY-")),
        "socialWorker", "socialworker3", "iro", "iro2"));
    ProcessInstance overdue = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("DAY-")),
        "socialWorker", "socialworker3", "iro", "iro2", "returnDate", LocalDate.now(ENGLAND).minusDays(30).toString(),
        "returnReason", "PLACEMENT_BREAKDOWN"));

    CockpitDashboardBrowserTest.logIn(browser, port, "tasklist", "socialworker3", "socialworker3");
    List<WebElement> listed = new WebDriverWait(browser, Duration.ofSeconds(30)).until(
        shown -> { List<WebElement> cards = browser.findElements(By.cssSelector(".tasks-list li.task"));
          return cards.size() >= 3 ? cards : null; });
    assertThat(activeFilter()).as("the first filter is the person's own work").startsWith("My tasks");
    assertThat(listed.get(0).findElements(By.cssSelector(".due-date.overdue"))).as("the first task is overdue").isNotEmpty();
    List<Boolean> dated = listed.stream().map(card -> !card.findElements(By.cssSelector(".due-date")).isEmpty()).toList();
    assertThat(dated.indexOf(false)).as("no dated task after an undated one: %s", dated)
        .isGreaterThan(dated.lastIndexOf(true));
    assertThat(listed.get(listed.size() - 1).getText()).contains("Complete Children and Families Assessment");
    assertThat(AxeCheck.criticalOrSerious(browser, "Tasklist: the task list")).isEmpty();
    runtime.deleteProcessInstance(undated.getId(), "test over");
    runtime.deleteProcessInstance(overdue.getId(), "test over");
  }

  @Test
  void theHeadOfServiceReadsARatificationFromTheFirstScreenWithoutClaimingIt() throws Exception {
    browser = CockpitDashboardBrowserTest.chromium("en-GB");
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(newChildId("DAY-")));
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Mother completed the parenting course"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Family support twice weekly"));
    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));

    CockpitDashboardBrowserTest.logIn(browser, port, "tasklist", "headofservice1", "headofservice1");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tasks-list li.task")));
    assertThat(activeFilter()).startsWith("Ratifications awaiting a decision");
    WebElement ratification = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//li[contains(@class,'task')][contains(., '" + instance.getBusinessKey() + "')]//h4/a")));
    ratification.click();
    String notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-reunification-claim-notice]")))
        .getText();
    assertThat(notice).contains("You can read this task now", "press Claim");
    assertThat(browser.findElement(By.cssSelector(".fjs-container")).getText()).contains("Ratif");
    screenshot("head-of-service-first-screen.png");
    assertThat(AxeCheck.criticalOrSerious(browser, "Tasklist: the Head of Service's ratification")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Report a case event", "Planned return home", "Unplanned return home"})
  void aStartFormOpensWithTheFocusInItsFirstField(String process) throws Exception {
    browser = CockpitDashboardBrowserTest.chromium("en-US");
    CockpitDashboardBrowserTest.logIn(browser, port, "tasklist", "socialworker1", "socialworker1");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(normalize-space(), 'Start process')]"))).click();
    By entry = By.xpath("//div[contains(@class,'modal')]//a[normalize-space()='" + process + "']");
    wait.until(ExpectedConditions.elementToBeClickable(entry)).click();
    // the list of processes may be drawn again as it loads, losing a click: click again while no form shows
    WebElement form = new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
      var shown = driver.findElements(By.cssSelector(".modal .fjs-form")).stream().filter(WebElement::isDisplayed).findFirst();
      if (shown.isEmpty()) {
        driver.findElements(entry).stream().findFirst().ifPresent(link -> {
          try {
            link.click();
          } catch (org.openqa.selenium.WebDriverException redrawn) {
            // drawn again meanwhile: the next poll clicks the new one
          }
        });
      }
      return shown.orElse(null);
    });
    wait.until(focused -> form.findElements(By.cssSelector("input, textarea, select")).get(0)
        .equals(browser.switchTo().activeElement()));
    assertThat(AxeCheck.criticalOrSerious(browser, "Tasklist: the start form " + process)).isEmpty();
  }

  @Test
  void anAdministratorsProcessDefinitionPageLoadsWithItsVersions() throws Exception {
    browser = CockpitDashboardBrowserTest.chromium("en-GB");
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("plannedReturn")
        .latestVersion().singleResult().getId();
    CockpitDashboardBrowserTest.logIn(browser, port, "cockpit", "admin", "admin");
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-definition/" + definition + "/runtime");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // the version shown (a selector once there are two) comes from the list of all its versions, which
    // Cockpit asks for unpaged: refused by the query limit, the field stays empty
    WebElement version = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dd.definition-version")));
    wait.until(shown -> !version.getText().isBlank());
    assertThat(version.getText().trim()).matches("\\d+");
    screenshot("cockpit-process-definition.png");
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("An unbound number of results is forbidden");
    assertThat(AxeCheck.criticalOrSerious(browser, "Cockpit: a process definition (administrator)")).isEmpty();
  }

  private String activeFilter() {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "const f = document.querySelector('.task-filters .content div.item.active');"
            + "return f ? f.innerText.trim() : '';");
  }

  private void screenshot(String name) throws Exception {
    Path shots = Path.of("target", "browser");
    Files.createDirectories(shots);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), shots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
