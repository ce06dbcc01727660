package uk.localgov.reunification.records;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * Re-dates the histories written before the 75th-birthday rule ({@link RecordRetention}): every
 * finished case's history, root and all it called, takes the child's 75th birthday as its removal
 * time, through Camunda's set-removal-time batches (one per birthday, run by the job executor).
 */
@Service
public class RecordRedating {

  /** What a re-dating started: the children and processes it covers, and Camunda's batches doing it. */
  public record Redating(int children, int processes, List<String> batches) {
  }

  static final int PAGE = 500;

  private final HistoryService history;
  private final RecordRetention retention;
  private final UnrestrictedLookups lookups;

  public RecordRedating(HistoryService history, RecordRetention retention, UnrestrictedLookups lookups) {
    this.history = history;
    this.retention = retention;
    this.lookups = lookups;
  }

  /** Re-dates every finished case's history, or, given a child, that child's (after a date of birth is corrected). */
  public Redating redate(String onlyChild) {
    Map<String, List<String>> rootsByChild = new LinkedHashMap<>();
    for (int first = 0; ; first += PAGE) {
      int from = first;
      List<HistoricProcessInstance> page = lookups.read(() -> {
        var query = history.createHistoricProcessInstanceQuery().rootProcessInstances().finished();
        if (onlyChild != null) {
          query.processInstanceBusinessKey(onlyChild);
        }
        return query.orderByProcessInstanceStartTime().asc().listPage(from, PAGE);
      });
      page.stream().filter(root -> root.getBusinessKey() != null)
          .forEach(root -> rootsByChild.computeIfAbsent(root.getBusinessKey(), child -> new ArrayList<>()).add(root.getId()));
      if (page.size() < PAGE) {
        break;
      }
    }
    Map<Date, List<String>> rootsByDay = new TreeMap<>();
    int children = 0;
    for (Map.Entry<String, List<String>> child : rootsByChild.entrySet()) {
      var removal = retention.removalTimeOf(child.getKey());
      if (removal.isPresent()) {
        children++;
        rootsByDay.computeIfAbsent(removal.get(), day -> new ArrayList<>()).addAll(child.getValue());
      }
    }
    List<String> batches = new ArrayList<>();
    rootsByDay.forEach((day, roots) -> {
      Batch batch = history.setRemovalTimeToHistoricProcessInstances().absoluteRemovalTime(day).byIds(roots.toArray(String[]::new))
          .hierarchical().executeAsync();
      batches.add(batch.getId());
    });
    return new Redating(children, rootsByDay.values().stream().mapToInt(List::size).sum(), batches);
  }
}
