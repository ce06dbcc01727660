package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.oversight.CockpitDashboardBrowserTest.assertNoContentSecurityPolicyViolations;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.oversight.CockpitDashboardBrowserTest;

/**
 * Wiltshire §3: the chronology and history inform every decision. In a real browser (Debian's
 * chromium), a social worker opens a task in Tasklist and finds on its Case tab the assessment
 * recorded earlier, with who recorded it; the line manager finds the same case on Cockpit's process
 * instance page; neither sees Camunda's end-of-life banner.
 */
@ApplicationTest
class CaseTabBrowserTest extends ProcessTest {

  @LocalServerPort
  int port;

  WebDriver browser;

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  void logIn(String app, String user) {
    CockpitDashboardBrowserTest.logIn(browser, port, app, user, user);
  }

  String caseTab(String url, String tabLabel) {
    browser.get(url);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='" + tabLabel + "']"))).click();
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-plugin=reunification-case] table")))
        .findElement(By.xpath("./ancestor::section")).getText();
  }

  @Test
  void theSocialWorkerAndTheLineManagerSeeTheCaseWholeBesideTheirWork() throws Exception {
    browser = CockpitDashboardBrowserTest.chromium();
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(newChildId("TAB-")));
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Mother completed the parenting course",
        "factorsPresent", ResearchFactorsInCaseTest.json("[\"FAMILY_DOMESTIC_ABUSE\"]")));
    String planTask = task(COMPILE_RETURN_PLAN, instance).getId();

    logIn("tasklist", "socialworker1");
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().contains("dueDate"));
    assertThat(java.net.URLDecoder.decode(browser.getCurrentUrl(), java.nio.charset.StandardCharsets.UTF_8))
        .as("work listed by due date, soonest first").contains("\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"");
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + planTask);
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".fjs-container .fjs-form-field"))).getText();
    screenshot("tasklist-camunda-form.png");
    assertNoContentSecurityPolicyViolations(browser);
    String inTasklist = caseTab("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + planTask, "Case");
    screenshot("tasklist-case-tab.png");
    assertThat(uk.localgov.reunification.AxeCheck.criticalOrSerious(browser, "Tasklist: the Case tab")).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed)).isTrue();
    assertThat(browser.findElements(By.cssSelector(".create-task-action")).stream().noneMatch(WebElement::isDisplayed))
        .as("Create task is not offered to a caseworker").isTrue();

    assertNoContentSecurityPolicyViolations(browser);
    assertThat(inTasklist).as("in casework language: the child named, fields by their labels, people by name, dates day first")
        .contains("Test Child " + instance.getBusinessKey() + ": case " + instance.getBusinessKey(),
        "Stage: Assessment and return plan", "Complete Children and Families Assessment",
        "Sam Okafor", "Assessment summary", "Mother completed the parenting course", "Compile return plan",
        "Research factors present (Wiltshire §3)", "Domestic abuse",
        java.time.LocalDate.now(ENGLAND).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")))
        .doesNotContain("assessmentSummary", "factorsPresent", "socialworker1", "[\"");

    browser.manage().deleteAllCookies();
    logIn("cockpit", "linemanager1");
    String inCockpit = caseTab("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-instance/"
        + instance.getId() + "/runtime", "Case");
    assertThat(inCockpit).as("the same words in Cockpit").contains(
        "Test Child " + instance.getBusinessKey() + ": case " + instance.getBusinessKey(), "Mother completed the parenting course");
    assertNoContentSecurityPolicyViolations(browser);
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed)).isTrue();
    assertThat(browser.findElements(By.cssSelector("[data-report-event]"))).as("Cockpit starts no reports").isEmpty();
  }

  @Test
  void aConcernIsReportedFromTheChildsOwnTaskWithTheChildFilledInAndSaysWhereItWent() throws Exception {
    browser = CockpitDashboardBrowserTest.chromium("en-GB");
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(newChildId("REP-")));
    String childId = instance.getBusinessKey();
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Mother completed the parenting course",
        "factorsPresent", ResearchFactorsInCaseTest.json("[]")));
    String planTask = task(COMPILE_RETURN_PLAN, instance).getId();

    logIn("tasklist", "socialworker1");
    caseTab("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + planTask, "Case");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.findElement(By.cssSelector("[data-report-event]")).click();
    WebElement child = wait.until(driver -> driver.findElements(By.cssSelector(".modal .fjs-form-field input")).stream()
        .filter(input -> childId.equals(input.getDomProperty("value"))).findFirst().orElse(null));
    assertThat(child.getDomProperty("value")).as("the child filled in from their own task").isEqualTo(childId);
    browser.findElement(By.xpath("//div[contains(@class,'modal')]//label[contains(., \"welfare\")]")).click();
    browser.findElement(By.cssSelector(".modal .fjs-form textarea")).sendKeys("Neighbour heard shouting on Sunday night");
    screenshot("report-event-from-the-case.png");
    assertThat(uk.localgov.reunification.AxeCheck.criticalOrSerious(browser, "Tasklist: a report from the Case tab")).isEmpty();
    browser.findElement(By.xpath("//div[contains(@class,'modal')]//button[normalize-space()='Start']")).click();

    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-report-sent]"))).getText())
        .as("the report is on the case at once").contains("Your report is on the case of Test Child " + childId);
    wait.until(driver -> caseJobs(instance, "ServiceTask_OpenRaisedConcern")
        == 1);
    runAsync(instance, "ServiceTask_OpenRaisedConcern");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-report-sent]"), "Review welfare concern"));
    String said = browser.findElement(By.cssSelector("[data-report-sent]")).getText();
    screenshot("report-event-sent.png");
    assertThat(said).as("where the report went").contains("Your report is on the case of Test Child " + childId
        + " (" + childId + ")", "Review welfare concern");
    assertThat(tasks.createTaskQuery().taskDefinitionKey("reviewWelfareConcern").processVariableValueEquals("childId", childId)
        .count()).as("the concern reached the case's line manager").isEqualTo(1);
    assertThat(uk.localgov.reunification.AxeCheck.criticalOrSerious(browser, "Tasklist: the report's confirmation")).isEmpty();
    assertNoContentSecurityPolicyViolations(browser);
  }

  private void screenshot(String name) throws Exception {
    Path shots = Path.of("target", "browser");
    Files.createDirectories(shots);
    File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), shots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
