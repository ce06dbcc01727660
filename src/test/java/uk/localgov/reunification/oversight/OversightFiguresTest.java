package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.oversight.OversightReport.Counts;
import uk.localgov.reunification.oversight.OversightReport.OverdueWork;
import uk.localgov.reunification.oversight.OversightReport.ReturnsToCare;

/**
 * The figures a manager sees, computed from the history of real cases run through the real
 * models on a controlled clock ({@link TeamHistory}: Team Oversight's 2025), seen on 3 November 2025.
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversightFiguresTest {

  static final LocalDate FROM = LocalDate.of(2025, 1, 1);
  static final LocalDate TO = LocalDate.of(2025, 12, 31);

  @Autowired
  ProcessEngine engine;
  @Autowired
  IdentityService identity;
  @Autowired
  OversightFigures figures;

  TeamHistory history;
  String a;
  String b;
  String c;
  String e;
  String f;
  String s;
  String team;
  String worker;
  String manager;

  /** Built before the first test (the coverage recorder needs a test running, so not in a BeforeAll). */
  @BeforeEach
  void itIsMondayTheThirdOfNovember2025() {
    if (history == null) {
      history = new TeamHistory(engine, "oversight").build();
      a = history.a;
      b = history.b;
      c = history.c;
      e = history.e;
      f = history.f;
      s = history.s;
      team = history.team;
      worker = history.worker;
      manager = history.manager;
    }
    ClockUtil.setCurrentTime(TeamHistory.NOW);
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @AfterAll
  void noCaseLeftOpen() {
    history.close();
  }

  OversightReport asManager(String manager) {
    identity.setAuthentication(manager, List.of("linemanagers"));
    try {
      return figures.report(FROM, TO);
    } finally {
      identity.clearAuthentication();
    }
  }

  Counts timeliness(OversightReport report, Timescale timescale) {
    return report.timeliness().stream().filter(t -> t.timescale() == timescale).findFirst().orElseThrow().overall();
  }

  @Test
  void firstVisitsTwoOnTimeAndOneLate() {
    OversightReport report = asManager(manager);

    assertThat(timeliness(report, Timescale.FIRST_VISIT)).isEqualTo(new Counts(3, 2, 1, 0, 0, 0));
    assertThat(timeliness(report, Timescale.FIRST_VISIT).onTimePercent()).isEqualTo(67);
  }

  @Test
  void twentyDayReviewsTwoOnTimeAndOneOverdueNow() {
    OversightReport report = asManager(manager);

    assertThat(timeliness(report, Timescale.RETURN_REVIEW)).isEqualTo(new Counts(3, 2, 0, 0, 1, 0));
  }

  @Test
  void ratificationsOneOnTimeAndOneLate() {
    assertThat(timeliness(asManager(manager), Timescale.RATIFICATION)).isEqualTo(new Counts(2, 1, 1, 0, 0, 0));
  }

  @Test
  void childInNeedReviewsOneOnTimeOneLateAndTheOneCancelledByTheReturnToCareIsNotCounted() {
    assertThat(timeliness(asManager(manager), Timescale.CIN_REVIEW)).isEqualTo(new Counts(2, 1, 1, 0, 0, 0));
  }

  @Test
  void eachFigureIsAlsoGivenForTheTeam() {
    OversightReport report = asManager(manager);

    for (OversightReport.Timeliness timescale : report.timeliness()) {
      if (timescale.overall().due() == 0) {
        // the team has no child under a court order: no statutory visits or looked-after reviews
        assertThat(timescale.byTeam()).as(timescale.label()).isEmpty();
      } else {
        assertThat(timescale.byTeam()).as(timescale.label()).containsOnlyKeys(team)
            .containsEntry(team, timescale.overall());
      }
    }
  }

  @Test
  void theOverdueListNamesTheChildTheWorkThePersonAndTheDays() {
    List<OverdueWork> overdue = asManager(manager).overdue();

    assertThat(overdue).hasSize(1);
    OverdueWork review = overdue.get(0);
    assertThat(review.childId()).isEqualTo(b);
    assertThat(review.task()).isEqualTo("Review after an unplanned return");
    assertThat(review.person()).isEqualTo("iro1");
    assertThat(review.due()).isEqualTo(LocalDate.of(2025, 10, 21));
    assertThat(review.daysOverdue()).isEqualTo(13);
    assertThat(review.team()).isEqualTo(team);
  }

  @Test
  void outcomesOfTheCasesThatEndedInThePeriod() {
    OversightReport.Outcomes outcomes = asManager(manager).outcomes();

    assertThat(outcomes.ended()).isEqualTo(3);
    assertThat(outcomes.byOutcome()).containsExactlyInAnyOrderEntriesOf(Map.of("STEPPED_DOWN_TO_UNIVERSAL", 1,
        "RETURNED_TO_CARE", 1, "RETURN_NOT_SUPPORTED", 1));
  }

  @Test
  void ofThreeChildrenWhoWentHomeOneCameBackIntoCareWithinThreeMonthsAndAnotherAfterItsCaseClosed() {
    OversightReport.Outcomes outcomes = asManager(manager).outcomes();

    assertThat(outcomes.returnedHome()).isEqualTo(3);
    assertThat(outcomes.backInCareSoFar()).as("C while its case was open, A in its year of follow-up").isEqualTo(2);
    assertThat(outcomes.backInCareInPeriod()).isEqualTo(2);
    assertThat(outcomes.returnsToCare()).containsExactly(
        new ReturnsToCare(3, 2, 1, 50),
        new ReturnsToCare(6, 2, 2, 100),
        new ReturnsToCare(12, 0, 0, null));
  }

  @Test
  void theYearAfterClosureCountsTheClosedCaseItsCheckInsAndItsReturnToCare() {
    OversightReport.Outcomes outcomes = asManager(manager).outcomes();

    assertThat(outcomes.afterClosure()).isEqualTo(new OversightReport.AfterClosure(1, 0, 1, 0, 1, 0));
    assertThat(outcomes.sustainedInPeriod()).isZero();
  }

  @Test
  void theOpenCaseloadByStageTeamAndWorker() {
    OversightReport.Caseload caseload = asManager(manager).caseload();

    assertThat(caseload.open()).isEqualTo(2);
    assertThat(caseload.byStage()).containsExactlyInAnyOrderEntriesOf(Map.of("IRO_REVIEW", 1, "PLANNING", 1));
    assertThat(caseload.byTeam()).containsOnlyKeys(team);
    assertThat(caseload.byWorker()).singleElement().satisfies(load -> {
      assertThat(load.worker()).isEqualTo(worker);
      assertThat(load.name()).isEqualTo("Sam Worker");
      assertThat(load.open()).isEqualTo(2);
    });
    assertThat(caseload.teamNames()).containsEntry(team, "Team Oversight");
  }

  @Test
  void anotherTeamsManagerSeesNoneOfTheseCasesAndThisManagerNoneOfTheirs() {
    OversightReport south = asManager("linemanager2");
    OversightReport oversight = asManager(manager);

    assertThat(south.overdue()).extracting(OverdueWork::childId).doesNotContain(a, b, c, e, f).contains(s);
    assertThat(south.caseload().byTeam()).doesNotContainKey(team);
    assertThat(oversight.overdue()).extracting(OverdueWork::childId).doesNotContain(s);
    assertThat(oversight.caseload().byTeam()).doesNotContainKey("teamsouth");
  }

}
