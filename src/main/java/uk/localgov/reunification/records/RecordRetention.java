package uk.localgov.reunification.records;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;
import uk.localgov.reunification.casework.CaseCalendar;
import uk.localgov.reunification.casework.ReturnStartCheck;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * How long a child's case record is kept. Reg 50(1) of the Care Planning, Placement and Case Review
 * (England) Regulations 2010: "The responsible authority must retain C's case record either (a)
 * until the seventy-fifth anniversary of C's birth, or (b) if C dies before attaining the age of
 * 18, for a period of fifteen years beginning with the date of C's death." The history of every
 * process a case runs (the return, what it calls, concerns, chases, reported events) is that record
 * here, so each is removed on the child's 75th birthday and not before. The date of birth is the
 * one the child's returns were started with (the latest birthday if two differ, so nothing goes early).
 */
@Service
public class RecordRetention {

  /** Reg 50(1)(a): kept until the seventy-fifth anniversary of the child's birth. */
  public static final int YEARS_FROM_BIRTH = 75;

  private final HistoryService history;
  private final UnrestrictedLookups lookups;

  public RecordRetention(HistoryService history, UnrestrictedLookups lookups) {
    this.history = history;
    this.lookups = lookups;
  }

  /** The start of the child's 75th birthday in England, when their record may go; empty for no known child. */
  public Optional<Date> removalTimeOf(String childId) {
    return dateOfBirthOf(childId).map(RecordRetention::seventyFifthBirthday);
  }

  static Date seventyFifthBirthday(LocalDate dateOfBirth) {
    return Date.from(dateOfBirth.plusYears(YEARS_FROM_BIRTH).atStartOfDay(CaseCalendar.ENGLAND).toInstant());
  }

  /** The child's date of birth, as their returns home recorded it. */
  public Optional<LocalDate> dateOfBirthOf(String childId) {
    if (childId == null || childId.isBlank()) {
      return Optional.empty();
    }
    return lookups.read(() -> {
      String[] returns = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId)
          .processDefinitionKeyIn(ReturnStartCheck.RETURN_PROCESSES.toArray(String[]::new)).list().stream()
          .map(HistoricProcessInstance::getId).toArray(String[]::new);
      if (returns.length == 0) {
        return Optional.empty();
      }
      return history.createHistoricVariableInstanceQuery().processInstanceIdIn(returns).variableName("dateOfBirth")
          .list().stream().map(HistoricVariableInstance::getValue).filter(String.class::isInstance)
          .map(value -> LocalDate.parse((String) value)).max(Comparator.naturalOrder());
    });
  }
}
