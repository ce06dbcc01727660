package uk.localgov.reunification;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's, run in the page) against WCAG 2.2 AA: the critical and serious violations of
 * the page as it stands. Every finding, of any impact, is written to target/browser/axe.txt, the
 * source of the accessibility statement's list.
 */
public final class AxeCheck {

  private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  private AxeCheck() {
  }

  /** "rule (impact) ×n: first target", one per critical or serious rule broken on the page. */
  public static List<String> criticalOrSerious(WebDriver browser, String page) {
    Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(browser);
    StringBuilder report = new StringBuilder("## ").append(page).append('\n');
    for (Rule violation : results.getViolations()) {
      report.append(violation.getId()).append(" (").append(violation.getImpact()).append(") x")
          .append(violation.getNodes().size()).append(": ")
          .append(violation.getNodes().stream().limit(3).map(node -> node.getTarget() + " " + node.getHtml()
              .substring(0, Math.min(160, node.getHtml().length())) + " | " + node.getFailureSummary()).toList())
          .append('\n');
    }
    try {
      Path shots = Path.of("target", "browser");
      Files.createDirectories(shots);
      Files.writeString(shots.resolve("axe.txt"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException unwritten) {
      throw new IllegalStateException(unwritten);
    }
    return results.getViolations().stream()
        .filter(rule -> "critical".equals(rule.getImpact()) || "serious".equals(rule.getImpact()))
        .map(rule -> rule.getId() + " (" + rule.getImpact() + ") x" + rule.getNodes().size() + ": "
            + rule.getNodes().get(0).getTarget() + " " + rule.getNodes().get(0).getFailureSummary())
        .toList();
  }
}
