package uk.localgov.reunification.casework;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The events of a case that other systems send as messages (contract: messages), each with the only
 * variables it carries. A message changes a case only as its event does: anything else it carries
 * is refused before the engine runs it ({@link RecordedVariablesOnly}).
 */
public enum CaseMessage {

  WELFARE_CONCERN_RAISED("WelfareConcernRaised", List.of("concernDetails"), false),
  /**
   * Salford §8: support after a return is voluntary, and families may choose not to engage. Under a
   * care order or an interim care order it is not: the local authority shares parental
   * responsibility until a court discharges the order (Children Act 1989 s39), so the family's
   * withdrawal cannot end the case.
   */
  FAMILY_WITHDREW_CONSENT("FamilyWithdrewConsent", List.of(), false) {
    @Override
    public Optional<CaseInputRefused> refusedFor(CaseRecord record) {
      if (COURT_ORDERS.contains(record.legalStatus())) {
        return Optional.of(new CaseInputRefused("legalStatus", "is " + record.legalStatus() + " for child '"
            + record.childId() + "': support under a court order is not voluntary, so a family's withdrawal of consent"
            + " does not end the case (Salford §8); the order ends only when a court discharges it (Children Act 1989 s39)"));
      }
      return Optional.empty();
    }
  },
  CHILD_RETURNED_TO_CARE("ChildReturnedToCare", List.of(), false),
  /** Sent by the application only, when a welfare concern's review asks for the plan to be revised (Salford §4). */
  PLAN_REVISION_REQUESTED("PlanRevisionRequested", List.of("revisionReason"), true),
  /** Sent by the application only, when a welfare concern's review asks for an early review (Salford §4). */
  EARLY_REVIEW_REQUESTED("EarlyReviewRequested", List.of(), true);

  static final Set<String> COURT_ORDERS = Set.of("CARE_ORDER", "INTERIM_CARE_ORDER");

  private final String messageName;
  private final List<String> variables;
  private final boolean sentByTheApplicationOnly;

  CaseMessage(String messageName, List<String> variables, boolean sentByTheApplicationOnly) {
    this.messageName = messageName;
    this.variables = variables;
    this.sentByTheApplicationOnly = sentByTheApplicationOnly;
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

  /** A message the application sends between a case's own processes, never another system or a person. */
  public boolean isSentByTheApplicationOnly() {
    return sentByTheApplicationOnly;
  }

  /** Why the event cannot happen to this case, if it cannot. */
  public Optional<CaseInputRefused> refusedFor(CaseRecord record) {
    return Optional.empty();
  }
}
