package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.casework.CaseCalendar;

/**
 * Children who went home on one past day, long before any other test's cases, their unplanned
 * returns started over HTTP that day (the engine's clock set back) by Team North's social worker
 * (socialworker1) and Team South's (socialworker3). Ten days later the first of Team North's came
 * back into care, reported over HTTP by socialworker1 while the case was open. So for the month
 * from that day ({@link #query()}) linemanager1 sees {@code north.size()} children home and one back
 * in care, linemanager2 {@code south.size()} home and none; the others' cases stay open, their
 * urgent plan overdue.
 */
final class PastReturns {

  final LocalDate home;
  final LocalDate backInCareOn;
  final List<String> north = new ArrayList<>();
  final List<String> south = new ArrayList<>();
  private final TestRestTemplate http;
  private final RuntimeService runtime;

  PastReturns(TestRestTemplate http, RuntimeService runtime, LocalDate home) {
    this.http = http;
    this.runtime = runtime;
    this.home = home;
    this.backInCareOn = home.plusDays(10);
  }

  /** {@code northHome} children of Team North and {@code southHome} of Team South went home. */
  PastReturns start(String name, int northHome, int southHome) {
    String run = name + System.nanoTime() % 100000 + "-";
    try {
      clock(home);
      for (int i = 1; i <= northHome; i++) {
        north.add(wentHome(run + "N" + i, "socialworker1"));
      }
      for (int i = 1; i <= southHome; i++) {
        south.add(wentHome(run + "S" + i, "socialworker3"));
      }
      clock(backInCareOn);
      ResponseEntity<String> back = http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
          "/engine-rest/process-definition/key/reportCaseEvent/start", Map.of("variables", typed(Map.of(
              "childId", north.get(0), "caseEvent", "ChildReturnedToCare", "eventDetails", "Placed with foster carers"))),
          String.class);
      assertThat(back.getStatusCode()).as(back.getBody()).isEqualTo(HttpStatus.OK);
    } finally {
      ClockUtil.reset();
    }
    return this;
  }

  /** The month from the day they went home, as the oversight API's query. */
  String query() {
    return "from=" + home + "&to=" + home.plusDays(30);
  }

  /** Ends the cases still open, so that no later test finds their overdue work. */
  void close() {
    for (String child : List.of(north, south).stream().flatMap(List::stream).toList()) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(child).rootProcessInstances().list()
          .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
    }
  }

  private String wentHome(String childId, String socialWorker) {
    Map<String, Object> child = new LinkedHashMap<>();
    child.put("childId", childId);
    child.put("childName", "Test Child " + childId);
    child.put("dateOfBirth", "2015-03-14");
    child.put("legalStatus", "SECTION_20");
    child.put("weeksAccommodated", 2);
    child.put("eligibleChild", false);
    child.put("socialWorker", socialWorker);
    child.put("iro", "iro1");
    child.put("returnDate", home.toString());
    child.put("returnReason", "PARENT_REMOVED_FROM_SECTION_20");
    ResponseEntity<String> started = http.withBasicAuth(socialWorker, socialWorker).postForEntity(
        "/engine-rest/process-definition/key/unplannedReturn/start", Map.of("variables", typed(child)), String.class);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    return childId;
  }

  private static Map<String, Object> typed(Map<String, Object> values) {
    return uk.localgov.reunification.casework.Cases.restVariables(values);
  }

  private static void clock(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(CaseCalendar.ENGLAND).toInstant()));
  }
}
