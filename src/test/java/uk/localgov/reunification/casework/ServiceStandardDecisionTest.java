package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The service's own timescales where the policy asks for work but sets no number of days
 * (service-standards.dmn, the default every authority without its own version follows).
 */
class ServiceStandardDecisionTest {

  @ParameterizedTest(name = "{0}: within {1} days, working days {2}")
  @CsvSource({
      "ratification,           7,  false", // Salford §7
      "returnHome,             14, false", // Salford §2, §7
      "nextSteps,              5,  true",  // Salford §6–§7
      "legalPlanning,          10, true",  // Salford §7
      "returnToCare,           5,  true",  // Salford §6–§7
      "planRevision,           10, true",  // Salford §4, §7
      "coordinatorAllocation,  5,  true",  // Salford §8
      "withdrawalRecord,       5,  true",  // Salford §8
      "cafReview,              42, false", // Salford §8
      "concernReview,          1,  true",  // Salford §4: the next working day
      "escalatedConcernReview, 1,  true",  // Salford §4
      "closureRecord,          10, true",  // reg 39(2)
      "closureSignOff,         5,  true"}) // reg 39(2)(d)
  void theServiceStandards(String timescale, int within, boolean workingDays) {
    DmnDecisionResultEntries result = DecisionTables.evaluate("service-standards.dmn", ServiceStandards.DECISION,
        Map.of("timescale", timescale)).getSingleResult();

    assertThat((Integer) result.getEntry("within")).isEqualTo(within);
    assertThat((Boolean) result.getEntry("workingDays")).isEqualTo(workingDays);
  }

  @Test
  void everyTimescaleADiagramAsksForIsInTheTable() throws Exception {
    Pattern asked = Pattern.compile("serviceStandards\\.due\\(execution, '([A-Za-z]+)'\\)");
    Set<String> timescales = new TreeSet<>();
    try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
      for (Path diagram : diagrams.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        Matcher matcher = asked.matcher(Files.readString(diagram));
        while (matcher.find()) {
          timescales.add(matcher.group(1));
        }
      }
    }
    assertThat(timescales).hasSize(13);
    for (String timescale : timescales) {
      assertThat(DecisionTables.evaluate("service-standards.dmn", ServiceStandards.DECISION,
          Map.of("timescale", timescale)).size()).as(timescale).isOne();
    }
  }
}
