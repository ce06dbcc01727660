package uk.localgov.reunification.casework;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The facts of a child's case, read through this one type wherever the application needs them:
 * who the child is, their legal status, who holds the case. The names are the contract's start
 * variables, with {@code team} (the social worker's team, set at the start), {@code cinCoordinator}
 * (allocated once support begins) and {@code returnDate} (known at the start of an unplanned return,
 * confirmed in a planned one) and {@code dischargeDate} (a court discharged the child's care order,
 * Children Act 1989 s39). A fact the case does not hold yet is {@code null}.
 */
public record CaseRecord(String childId, String childName, String dateOfBirth, String legalStatus,
    Integer weeksAccommodated, Boolean eligibleChild, String socialWorker, String iro, String team,
    String cinCoordinator, String returnDate, String dischargeDate) {

  /** The legal statuses under which the authority shares parental responsibility until a court ends the order. */
  public static final java.util.Set<String> COURT_ORDERS = java.util.Set.of("CARE_ORDER", "INTERIM_CARE_ORDER");

  /** What every process a case calls receives of it, whoever calls it. */
  public static final List<String> CALLED_PROCESS_FACTS = List.of("childId", "childName", "socialWorker", "iro", "team");
  /** The roles a person holds a case in, and so may see it (with the social worker's line manager). */
  public static final List<String> ALLOCATED_ROLES = List.of("socialWorker", "iro", "cinCoordinator");
  /** Every fact of the record, as the case's variables name them. */
  public static final List<String> FACTS = List.of("childId", "childName", "dateOfBirth", "legalStatus",
      "weeksAccommodated", "eligibleChild", "socialWorker", "iro", "team", "cinCoordinator", "returnDate",
      "dischargeDate");

  public static CaseRecord of(VariableScope variables) {
    return read(variables::getVariable);
  }

  public static CaseRecord of(Map<String, ?> variables) {
    return read(variables::get);
  }

  private static CaseRecord read(Function<String, Object> variable) {
    return new CaseRecord(text(variable, "childId"), text(variable, "childName"), text(variable, "dateOfBirth"),
        text(variable, "legalStatus"), variable.apply("weeksAccommodated") instanceof Number weeks ? weeks.intValue() : null,
        variable.apply("eligibleChild") instanceof Boolean eligible ? eligible : null, text(variable, "socialWorker"),
        text(variable, "iro"), text(variable, "team"), text(variable, "cinCoordinator"), text(variable, "returnDate"),
        text(variable, "dischargeDate"));
  }

  /** A child on the way home, as a start of {@code plannedReturn} gives it (add the return for {@code unplannedReturn}). */
  public static CaseRecord child(String childId, String childName, String dateOfBirth, String legalStatus,
      int weeksAccommodated, boolean eligibleChild, String socialWorker, String iro) {
    return new CaseRecord(childId, childName, dateOfBirth, legalStatus, weeksAccommodated, eligibleChild, socialWorker,
        iro, null, null, null, null);
  }

  /**
   * Whether the child lives at home under a care order or an interim care order that still stands:
   * only a court ends one (Children Act 1989 s39), and the case records when it did.
   */
  public boolean courtOrderStands() {
    return COURT_ORDERS.contains(legalStatus) && dischargeDate == null;
  }

  /**
   * Whether the child has gone home: an unplanned return starts with the day the child went home,
   * a planned one records it when {@code confirmReturnHome} is done (Salford §2: the assessment, the
   * plan, the IRO's review and the ratification come before the child returns home). Until then
   * the child is still looked after.
   */
  public boolean childAtHome() {
    return returnDate != null && !returnDate.isBlank();
  }

  /** The variables of a start: the facts it gives, by their names, and nothing the start does not take. */
  public Map<String, Object> startVariables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    FACTS.forEach(name -> {
      Object value = fact(name);
      if (value != null && !"team".equals(name) && !"cinCoordinator".equals(name) && !"dischargeDate".equals(name)) {
        variables.put(name, value);
      }
    });
    return variables;
  }

  /** The facts a called process receives. */
  public Map<String, Object> calledProcessFacts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    CALLED_PROCESS_FACTS.forEach(name -> facts.put(name, fact(name)));
    return facts;
  }

  /** The people allocated to the case, in the order of {@link #ALLOCATED_ROLES}. */
  public Set<String> allocated() {
    Set<String> people = new LinkedHashSet<>();
    ALLOCATED_ROLES.forEach(role -> {
      if (fact(role) instanceof String user && !user.isBlank()) {
        people.add(user);
      }
    });
    return people;
  }

  /** Who holds the case in one of {@link #ALLOCATED_ROLES}. */
  public String holder(String role) {
    if (!ALLOCATED_ROLES.contains(role)) {
      throw new IllegalArgumentException(role + " is not a role a case is held in");
    }
    return (String) fact(role);
  }

  public Object fact(String name) {
    return switch (name) {
      case "childId" -> childId;
      case "childName" -> childName;
      case "dateOfBirth" -> dateOfBirth;
      case "legalStatus" -> legalStatus;
      case "weeksAccommodated" -> weeksAccommodated;
      case "eligibleChild" -> eligibleChild;
      case "socialWorker" -> socialWorker;
      case "iro" -> iro;
      case "team" -> team;
      case "cinCoordinator" -> cinCoordinator;
      case "returnDate" -> returnDate;
      case "dischargeDate" -> dischargeDate;
      default -> throw new IllegalArgumentException(name + " is not a fact of a case record");
    };
  }

  private static String text(Function<String, Object> variable, String name) {
    Object value = variable.apply(name);
    return value == null ? null : value.toString();
  }
}
