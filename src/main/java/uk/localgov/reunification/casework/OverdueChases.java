package uk.localgov.reunification.casework;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * Who chases overdue work ({@code chaseOverdueWork}), known in expressions as {@code overdueChases}:
 * the line manager of the case's social worker (contract: timescales), unless the call names a
 * role group in {@code chasedBy}: a line manager's own overdue review of a welfare concern is
 * chased by the service managers (Salford §4).
 */
@Component("overdueChases")
public class OverdueChases {

  static final String CHASED_BY = "chasedBy";

  private final StaffDirectory staff;

  public OverdueChases(StaffDirectory staff) {
    this.staff = staff;
  }

  public String assignee(DelegateExecution execution) {
    return group(execution) == null ? staff.lineManagerOf((String) execution.getVariable("socialWorker"),
        (String) execution.getVariable("team")) : null;
  }

  public List<String> candidateGroups(DelegateExecution execution) {
    String group = group(execution);
    return group == null ? List.of() : List.of(group);
  }

  private static String group(DelegateExecution execution) {
    return execution.getVariable(CHASED_BY) instanceof String group && !group.isBlank() ? group : null;
  }
}
