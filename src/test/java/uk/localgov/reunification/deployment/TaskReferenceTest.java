package uk.localgov.reunification.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import uk.localgov.reunification.casework.CaseMessage;
import uk.localgov.reunification.casework.CaseStart;
import uk.localgov.reunification.casework.TextBounds;
import uk.localgov.reunification.casework.CaseTask;
import uk.localgov.reunification.casework.Recorded;

/**
 * The process owners' reference of every task (docs/tasks.md) is written from the declarations,
 * so it cannot drift from what the application checks. When a declaration changes, this test
 * rewrites the page and fails once, asking for the new page to be committed with the change.
 */
class TaskReferenceTest {

  static final Path PAGE = Path.of("docs", "tasks.md");

  static String reference() {
    StringBuilder page = new StringBuilder("""
        # Tasks, starts and messages

        Written from the declarations in `src/main/java/uk/localgov/reunification/casework/`
        (`CaseTask`, `CaseStart`, `CaseMessage`) by `TaskReferenceTest`: change a declaration, run the
        tests, commit this page with it. A task completion may write only the variables its task
        records, a start only its start variables, a message only what it carries; anything else is
        refused with a 400 that names it. Read-only fields a form sends back unchanged write nothing.

        ## Tasks

        | task key | label (diagram, mail, oversight, chronology) | who does it | stage | timescale | mail | records |
        |---|---|---|---|---|---|---|
        """);
    for (CaseTask task : CaseTask.values()) {
      StringBuilder records = new StringBuilder();
      for (Recorded recorded : task.records()) {
        records.append(records.isEmpty() ? "" : "<br>").append('`').append(recorded.name()).append("`: ")
            .append(recorded.describe());
      }
      page.append("| `").append(task.key()).append("` | ").append(task.label()).append(" | ")
          .append(task.performer().who()).append(" (")
          .append(task.performer().assignee() != null ? "assignee `" + task.performer().assignee() + "`" : "")
          .append(task.performer().assignee() != null && task.performer().candidateGroups() != null ? ", " : "")
          .append(task.performer().candidateGroups() != null
              ? "candidate groups `" + task.performer().candidateGroups() + "`" : "").append(") | ")
          .append(task.stage().map(stage -> stage.label()).orElse("–")).append(" | ")
          .append(task.due().map(due -> due.work() + ": " + due.rule()).orElse("–")).append(" | ")
          .append(task.isEscalation() ? "escalation, always sent" : "may be turned off").append(" | ")
          .append(records).append(" |\n");
    }
    page.append("\n## Starts\n\n| process | start variables |\n|---|---|\n");
    for (CaseStart start : CaseStart.values()) {
      page.append("| `").append(start.processKey()).append("` | `").append(String.join("`, `", start.variables()))
          .append("` |\n");
    }
    page.append("\nEvery start variable is checked as its process's start check says (`ReturnStartCheck`):"
        + " `childName` at most " + TextBounds.NAME + " characters and any other text at most " + TextBounds.TEXT
        + "; `dateOfBirth` and `returnDate` not in the future, `returnDate` not before `dateOfBirth`, and the child under"
        + " 18 on the return (today for a planned return, and again on `confirmReturnHome`'s `returnDate`).\n");
    page.append("\n## Messages\n\nA message names one child's case by its `businessKey` alone; from anyone but an"
        + " administrator `all`, `processInstanceId`, `correlationKeys`, `localCorrelationKeys`, `tenantId` and"
        + " `variablesInResultEnabled` are refused with 400 naming the field. Each text it carries is at most "
        + TextBounds.TEXT + " characters.\n\n| message | carries |\n|---|---|\n");
    for (CaseMessage message : CaseMessage.values()) {
      page.append("| `").append(message.messageName()).append("` | ")
          .append(message.variables().isEmpty() ? "nothing" : "`" + String.join("`, `", message.variables()) + "`")
          .append(" |\n");
    }
    return page.toString();
  }

  @Test
  void theTaskReferenceIsWrittenFromTheDeclarations() throws IOException {
    String written = reference();
    String committed = Files.exists(PAGE) ? Files.readString(PAGE) : "";
    if (!written.equals(committed)) {
      Files.writeString(PAGE, written);
    }
    assertThat(committed).as("docs/tasks.md was out of date and has been rewritten: commit it").isEqualTo(written);
  }
}
