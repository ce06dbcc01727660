package uk.localgov.reunification.casework;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The processes a person or another system starts, each with the only variables its start takes
 * (contract: start variables). Their rules are checked by {@link ReturnStartCheck}; anything else
 * given at the start is refused before the engine runs it ({@link RecordedVariablesOnly}).
 */
public enum CaseStart {

  PLANNED_RETURN("plannedReturn", List.of("childId", "childName", "dateOfBirth", "legalStatus", "weeksAccommodated",
      "eligibleChild", "socialWorker", "iro")),
  UNPLANNED_RETURN("unplannedReturn", List.of("childId", "childName", "dateOfBirth", "legalStatus", "weeksAccommodated",
      "eligibleChild", "socialWorker", "iro", "returnDate", "returnReason")),
  /** Contract (case events): a person who works the case reports what happened to it. */
  REPORT_CASE_EVENT("reportCaseEvent", List.of("childId", "caseEvent", "eventDetails", "dischargeDate", "orderMade",
      "orderMadeOn"));

  private final String processKey;
  private final List<String> variables;

  CaseStart(String processKey, List<String> variables) {
    this.processKey = processKey;
    this.variables = variables;
  }

  public static Optional<CaseStart> of(String processKey) {
    return Arrays.stream(values()).filter(start -> start.processKey.equals(processKey)).findFirst();
  }

  public String processKey() {
    return processKey;
  }

  public List<String> variables() {
    return variables;
  }
}
