package uk.localgov.reunification.casework;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events of a case that other systems send as messages (contract: messages), each with the only
 * variables it carries. A message changes a case only as its event does: anything else it carries
 * is refused before the engine runs it ({@link RecordedVariablesOnly}).
 */
public enum CaseMessage {

  /**
   * Salford §4: a concern about the child's welfare goes to the social worker's line manager, from an
   * open case or from a closed one in its year of follow-up ({@code CaseFollowUps.EVENTS}).
   */
  WELFARE_CONCERN_RAISED("WelfareConcernRaised", List.of("concernDetails"), false),
  /**
   * Salford §8: support after a return is voluntary, and families may choose not to engage. Under a
   * care order or an interim care order it is not: the local authority shares parental
   * responsibility until a court discharges the order (Children Act 1989 s39), so the family's
   * withdrawal cannot end the case.
   */
  FAMILY_WITHDREW_CONSENT("FamilyWithdrewConsent", List.of(), false) {
    @Override
    public Optional<CaseInputRefused> refusedFor(CaseRecord record, Map<String, Object> variables, LocalDate today) {
      if (record.courtOrderStands()) {
        return Optional.of(new CaseInputRefused("legalStatus", "is " + record.legalStatus() + " for child '"
            + record.childId() + "': support under a court order is not voluntary, so a family's withdrawal of consent"
            + " does not end the case (Salford §8); the order ends only when a court discharges it (Children Act 1989 s39)"));
      }
      return Optional.empty();
    }
  },
  /**
   * The return home has broken down and the child is looked after again: the case ends
   * RETURNED_TO_CARE, and every later return of the child counts it as a failed one (Wiltshire §3).
   * A child who has not gone home yet (a planned return before {@code confirmReturnHome}, Salford
   * §2) is still in care, so no return has broken down: the event is refused and the case goes on.
   * A planned return that will not go ahead ends as the IRO's review or the ratification decides.
   */
  CHILD_RETURNED_TO_CARE("ChildReturnedToCare", List.of(), false) {
    @Override
    public Optional<CaseInputRefused> refusedFor(CaseRecord record, Map<String, Object> variables, LocalDate today) {
      if (!record.childAtHome()) {
        return Optional.of(new CaseInputRefused("returnDate", "is not recorded for child '" + record.childId()
            + "': the child has not gone home yet (the planned return's step 'Confirm return home' is not done), so"
            + " they are still looked after and no return home has broken down (Salford §2); a planned return that"
            + " will not go ahead ends at the IRO's review (return not supported) or at ratification"));
      }
      return Optional.empty();
    }
  },
  /**
   * Children Act 1989 s39: "A care order may be discharged by the court"; until then it stands. The
   * discharge, on {@code dischargeDate}, ends the statutory visits and looked-after reviews the order
   * called for; Child in Need support goes on to its own end.
   */
  CARE_ORDER_DISCHARGED("CareOrderDischarged", List.of("dischargeDate"), false) {
    @Override
    public Optional<CaseInputRefused> refusedFor(CaseRecord record, Map<String, Object> variables, LocalDate today) {
      if (!CaseRecord.COURT_ORDERS.contains(record.legalStatus())) {
        return Optional.of(new CaseInputRefused("legalStatus", "is " + record.legalStatus() + " for child '"
            + record.childId() + "': there is no care order or interim care order for a court to discharge"));
      }
      if (record.dischargeDate() != null) {
        return Optional.of(new CaseInputRefused("dischargeDate", "the order of child '" + record.childId()
            + "' was discharged already, on " + record.dischargeDate()));
      }
      return courtDay(variables, "dischargeDate", "discharged the order", record, today, "");
    }
  },
  /**
   * Children Act 1989 s38 (an interim care order) and s31 (a care order): a court's order made while
   * the child is at home puts the child in the authority's care, so the case changes law: from the
   * order, reg 28's visits and reg 33's reviews apply and support stops being voluntary. It carries
   * the order ({@code legalStatus}, interim care order or care order) and the day it was made
   * ({@code orderMadeOn}). An order only moves forward: section 20 to an interim or a full care
   * order, an interim one to a full one; a discharged order is the end of that case's orders.
   */
  COURT_ORDER_MADE("CourtOrderMade", List.of("legalStatus", "orderMadeOn"), false) {
    @Override
    public Optional<CaseInputRefused> refusedFor(CaseRecord record, Map<String, Object> variables, LocalDate today) {
      Object order = variables.get("legalStatus");
      if (!CaseRecord.COURT_ORDERS.contains(order)) {
        return Optional.of(new CaseInputRefused("legalStatus", "must be the order the court made, INTERIM_CARE_ORDER or"
            + " CARE_ORDER (was " + (order == null ? "missing" : "'" + order + "'") + ")"));
      }
      if (order.equals(record.legalStatus()) || "CARE_ORDER".equals(record.legalStatus())) {
        return Optional.of(new CaseInputRefused("legalStatus", "is " + record.legalStatus() + " for child '"
            + record.childId() + "' already: an order moves the case forward only, from section 20 to an interim or a"
            + " full care order, or from an interim to a full one"));
      }
      if (record.dischargeDate() != null) {
        return Optional.of(new CaseInputRefused("legalStatus", "the order of child '" + record.childId() + "' was"
            + " discharged on " + record.dischargeDate() + ": a new order is a new case"));
      }
      return courtDay(variables, "orderMadeOn", "made the order", record, today,
          ": an order made before is the case's legal status from its start");
    }
  },
  /** Sent by the application only, when a welfare concern's review asks for the plan to be revised (Salford §4). */
  PLAN_REVISION_REQUESTED("PlanRevisionRequested", List.of("revisionReason"), true),
  /** Sent by the application only, when a welfare concern's review asks for an early review (Salford §4). */
  EARLY_REVIEW_REQUESTED("EarlyReviewRequested", List.of(), true);

  /** The day a court acted, as the message gives it: a real day, come already, not before the child went home. */
  private static Optional<CaseInputRefused> courtDay(Map<String, Object> variables, String name, String what,
      CaseRecord record, LocalDate today, String beforeTheReturn) {
    Object given = variables.get(name);
    LocalDate day;
    try {
      day = LocalDate.parse(String.valueOf(given));
    } catch (java.time.format.DateTimeParseException notADate) {
      return Optional.of(new CaseInputRefused(name, "must be the day the court " + what + ", as yyyy-MM-dd (was "
          + (given == null ? "missing" : "'" + given + "'") + ")"));
    }
    if (day.isAfter(today)) {
      return Optional.of(new CaseInputRefused(name, "must not be in the future (was " + day + ")"));
    }
    if (record.returnDate() != null && day.isBefore(LocalDate.parse(record.returnDate()))) {
      return Optional.of(new CaseInputRefused(name, "must not be before the child went home on " + record.returnDate()
          + " (was " + day + ")" + beforeTheReturn));
    }
    return Optional.empty();
  }

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

  /** Why the event, with these variables, cannot happen to this case today, if it cannot. */
  public Optional<CaseInputRefused> refusedFor(CaseRecord record, Map<String, Object> variables, LocalDate today) {
    return Optional.empty();
  }
}
