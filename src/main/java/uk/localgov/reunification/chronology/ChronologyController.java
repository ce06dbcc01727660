package uk.localgov.reunification.chronology;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/cases/{childId}/chronology}: the child's case, oldest first, for the people who
 * may see it and administrators; 404 for everyone else, as for a child with no case.
 */
@RestController
public class ChronologyController {

  private final CaseChronology chronology;

  public ChronologyController(CaseChronology chronology) {
    this.chronology = chronology;
  }

  @GetMapping("/api/cases/{childId}/chronology")
  public Map<String, Object> chronology(@PathVariable String childId) {
    return chronology.of(childId);
  }
}
