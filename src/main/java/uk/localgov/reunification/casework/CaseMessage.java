package uk.localgov.reunification.casework;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The events of a case that other systems send as messages (contract: messages), each with the only
 * variables it carries. A message changes a case only as its event does: anything else it carries
 * is refused before the engine runs it ({@link RecordedVariablesOnly}).
 */
public enum CaseMessage {

  WELFARE_CONCERN_RAISED("WelfareConcernRaised", List.of("concernDetails")),
  FAMILY_WITHDREW_CONSENT("FamilyWithdrewConsent", List.of()),
  CHILD_RETURNED_TO_CARE("ChildReturnedToCare", List.of());

  private final String messageName;
  private final List<String> variables;

  CaseMessage(String messageName, List<String> variables) {
    this.messageName = messageName;
    this.variables = variables;
  }

  public static Optional<CaseMessage> of(String messageName) {
    return Arrays.stream(values()).filter(message -> message.messageName.equals(messageName)).findFirst();
  }

  public String messageName() {
    return messageName;
  }

  public List<String> variables() {
    return variables;
  }
}
