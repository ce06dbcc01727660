package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.WebappLogin;

/**
 * The oversight report as CSV downloads: only with credentials (or a manager's Cockpit login),
 * only the caller's cases, the same figures as the JSON, and safe to open in a spreadsheet.
 * ({@link PastReturns}: two children of Team North home on 12 May 2021, the first back in care
 * ten days later, one of Team South.)
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversightCsvTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  JdbcTemplate jdbc;

  PastReturns returns;

  /** The cases are made in the first test (the coverage recorder needs a test running). */
  @BeforeEach
  void theCases() {
    if (returns == null) {
      returns = new PastReturns(http, runtime, LocalDate.of(2021, 5, 12)).start("CSV", 2, 1);
    }
  }

  /** The tests share one database: the unit costs set here go again. */
  @AfterEach
  void theDefaultUnitCosts() {
    jdbc.update("DELETE FROM UNIT_COSTS");
  }

  @AfterAll
  void noCaseLeftOpen() {
    returns.close();
  }

  @Test
  void noCsvWithoutCredentials() {
    assertThat(http.getForEntity("/api/oversight.csv", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/oversight/overdue.csv", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void eachIsADownloadNamedByItsPeriod() {
    ResponseEntity<String> figures = get("linemanager1", "/api/oversight.csv?from=2025-01-01&to=2025-12-31");
    ResponseEntity<String> overdue = get("linemanager1", "/api/oversight/overdue.csv?from=2025-01-01&to=2025-12-31");

    for (ResponseEntity<String> csv : List.of(figures, overdue)) {
      assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(csv.getHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
      assertThat(csv.getHeaders().getCacheControl()).isEqualTo("no-store");
      assertThat(csv.getBody()).endsWith("\r\n");
    }
    assertThat(figures.getHeaders().getContentDisposition().getType()).isEqualTo("attachment");
    assertThat(figures.getHeaders().getContentDisposition().getFilename())
        .isEqualTo("oversight-2025-01-01-to-2025-12-31.csv");
    assertThat(overdue.getHeaders().getContentDisposition().getFilename())
        .isEqualTo("oversight-overdue-2025-01-01-to-2025-12-31.csv");
    assertThat(figures.getBody()).startsWith("section,figure,label,team,teamName,value\r\n");
    assertThat(figures.getBody()).as("the period as a person reads it, day first")
        .contains("report,from,Period from,,,01/01/2025\r\n", "report,to,Period to,,,31/12/2025\r\n")
        .containsPattern("report,generatedAt,Figures as at \\(UK time\\),,,\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\r\n");
    assertThat(overdue.getBody()).startsWith("childId,childName,task,timescale,person,personName,team,teamName,due,daysOverdue\r\n");

    LocalDate today = LocalDate.now(uk.localgov.reunification.casework.CaseCalendar.ENGLAND);
    assertThat(get("linemanager1", "/api/oversight.csv").getHeaders().getContentDisposition().getFilename())
        .as("the same default period as the figures").isEqualTo("oversight-" + today.minusYears(2).plusDays(1)
            + "-to-" + today + ".csv");
  }

  @Test
  void aBadPeriodIsRefusedAsForTheFigures() {
    ResponseEntity<String> backwards = get("linemanager1", "/api/oversight.csv?from=2025-06-01&to=2025-01-01");
    assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(backwards.getBody()).contains("'from'").contains("'to'");
    assertThat(get("linemanager1", "/api/oversight/overdue.csv?to=31/12/2025").getBody()).contains("'to'");
  }

  @Test
  void aLineManagersOverdueListNamesOnlyTheirTeamsChildren() {
    List<Map<String, String>> north = rows(get("linemanager1", "/api/oversight/overdue.csv?" + returns.query()).getBody());
    List<Map<String, String>> south = rows(get("linemanager2", "/api/oversight/overdue.csv?" + returns.query()).getBody());

    assertThat(north).extracting(row -> row.get("childId")).contains(returns.north.get(1))
        .doesNotContain(returns.south.get(0)).doesNotContain(returns.north.get(0));
    // other tests leave work whose case is not a return ("unknown"); no row is another team's
    assertThat(north).extracting(row -> row.get("team")).contains("teamnorth").doesNotContain("teamsouth");
    assertThat(south).extracting(row -> row.get("childId")).contains(returns.south.get(0))
        .doesNotContainAnyElementsOf(returns.north);
    assertThat(south).extracting(row -> row.get("team")).contains("teamsouth").doesNotContain("teamnorth");
    Map<?, ?> json = http.withBasicAuth("linemanager1", "linemanager1")
        .getForObject("/api/oversight?" + returns.query(), Map.class);
    assertThat(north).extracting(row -> row.get("childId")).containsExactlyElementsOf(((List<?>) json.get("overdue"))
        .stream().map(work -> ((Map<?, ?>) work).get("childId")).map(child -> child == null ? "" : (String) child).toList());
    assertThat(north).filteredOn(row -> row.get("childId").equals(returns.north.get(1))).first()
        .satisfies(row -> assertThat(row).containsEntry("person", "socialworker1").containsEntry("personName", "Sam Okafor"));
    List<?> listed = (List<?>) json.get("overdue");
    for (int i = 0; i < listed.size(); i++) {
      LocalDate due = LocalDate.parse((String) ((Map<?, ?>) listed.get(i)).get("due"));
      assertThat(north.get(i).get("due")).as("a person reads the due day first; the JSON keeps ISO dates")
          .isEqualTo(String.format("%02d/%02d/%d", due.getDayOfMonth(), due.getMonthValue(), due.getYear()));
    }
  }

  @Test
  void theFiguresAreTheJsonReportsFigures() {
    for (String manager : List.of("linemanager1", "linemanager2")) {
      Map<String, String> csv = figures(get(manager, "/api/oversight.csv?" + returns.query()).getBody());
      Map<?, ?> json = http.withBasicAuth(manager, manager).getForObject("/api/oversight?" + returns.query(), Map.class);

      for (Object entry : (List<?>) json.get("timeliness")) {
        Map<?, ?> timescale = (Map<?, ?>) entry;
        Map<?, ?> overall = (Map<?, ?>) timescale.get("overall");
        for (String count : List.of("due", "onTime", "late", "missed", "overdue", "pending")) {
          assertThat(csv.get("timeliness|" + timescale.get("timescale") + "." + count + "|"))
              .as("%s %s %s", manager, timescale.get("timescale"), count).isEqualTo(String.valueOf(overall.get(count)));
        }
        ((Map<?, ?>) timescale.get("byTeam")).forEach((team, counts) -> assertThat(
            csv.get("timeliness|" + timescale.get("timescale") + ".due|" + team))
            .isEqualTo(String.valueOf(((Map<?, ?>) counts).get("due"))));
      }
      Map<?, ?> outcomes = (Map<?, ?>) json.get("outcomes");
      for (String figure : List.of("ended", "returnedHome", "backInCareSoFar", "backInCareInPeriod", "sustainedInPeriod")) {
        assertThat(csv.get("outcomes|" + figure + "|")).as(manager + " " + figure)
            .isEqualTo(String.valueOf(outcomes.get(figure)));
      }
      ((Map<?, ?>) outcomes.get("byOutcome")).forEach((outcome, cases) ->
          assertThat(csv.get("outcomes|outcome." + outcome + "|")).isEqualTo(String.valueOf(cases)));
      for (Object entry : (List<?>) outcomes.get("returnsToCare")) {
        Map<?, ?> window = (Map<?, ?>) entry;
        assertThat(csv.get("returnsToCare|returns." + window.get("months") + ".followedUp|"))
            .isEqualTo(String.valueOf(window.get("followedUp")));
        assertThat(csv.get("returnsToCare|returns." + window.get("months") + ".backInCare|"))
            .isEqualTo(String.valueOf(window.get("backInCare")));
      }
      ((Map<?, ?>) outcomes.get("afterClosure")).forEach((figure, value) ->
          assertThat(csv.get("afterClosure|" + figure + "|")).as(manager + " " + figure).isEqualTo(String.valueOf(value)));
      Map<?, ?> costs = (Map<?, ?>) json.get("costs");
      for (String figure : List.of("returnsToCare", "returnsSustained", "familiesSupported", "costOfReturnsToCare",
          "costOfSupport")) {
        assertThat(csv.get("costs|" + figure + "|")).as(manager + " " + figure).isEqualTo(String.valueOf(costs.get(figure)));
      }
      ((Map<?, ?>) costs.get("unitCosts")).forEach((figure, value) -> assertThat(csv.get("costs|unitCosts." + figure + "|"))
          .isEqualTo(value == null ? "" : String.valueOf(value)));
      assertThat(csv.get("caseload|open|")).isEqualTo(String.valueOf(((Map<?, ?>) json.get("caseload")).get("open")));
    }
    Map<String, String> north = figures(get("linemanager1", "/api/oversight.csv?" + returns.query()).getBody());
    assertThat(north).containsEntry("outcomes|returnedHome|", "2").containsEntry("outcomes|backInCareSoFar|", "1")
        .containsEntry("costs|familiesSupported|", "2").containsEntry("costs|costOfSupport|", String.valueOf(2 * 7857));
    assertThat(north.keySet()).as("no figure of another team").noneMatch(key -> key.endsWith("|teamsouth"));
  }

  @Test
  void aManagersCockpitLoginDownloadsThem() {
    HttpHeaders cockpit = new HttpHeaders();
    cockpit.add(HttpHeaders.COOKIE, "JSESSIONID=" + WebappLogin.session(http, "cockpit", "linemanager2", "linemanager2"));

    for (String csv : List.of("/api/oversight.csv?" + returns.query(), "/api/oversight/overdue.csv?" + returns.query())) {
      ResponseEntity<String> answer = http.exchange(csv, HttpMethod.GET, new HttpEntity<>(cockpit), String.class);
      assertThat(answer.getStatusCode()).as(csv).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody()).as(csv).doesNotContain(returns.north.get(1));
    }
  }

  @Test
  void aCellASpreadsheetWouldRunStaysTextAndQuotesAndCommasAreQuoted() {
    String source = "=HYPERLINK(\"https://example.invalid\",\"NSPCC, 2024\")";
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("admin", "admin").exchange("/api/oversight/unit-costs", HttpMethod.PUT,
        new HttpEntity<>(OversightCostsTest.unitCosts(105804, 7857, source), headers), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    String csv = get("linemanager1", "/api/oversight.csv?" + returns.query()).getBody();
    assertThat(csv).contains("\r\ncosts,unitCosts.source,Source of the unit costs,,,"
        + "\"'=HYPERLINK(\"\"https://example.invalid\"\",\"\"NSPCC, 2024\"\")\"\r\n");
    assertThat(figures(csv)).containsEntry("costs|unitCosts.source|", "'" + source);

    for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd")) {
      assertThat(parse(OversightCsv.cell(formula) + "\r\n").get(0)).as(formula).containsExactly("'" + formula);
    }
    assertThat(OversightCsv.cell("North; =1+1")).as("after a separator an importer may split on")
        .isEqualTo("North; '=1+1");
    assertThat(OversightCsv.cell("a\t@SUM(A1)|-2")).isEqualTo("a\t'@SUM(A1)|'-2");
    assertThat(OversightCsv.cell(-3)).as("a number is a number").isEqualTo("-3");
    assertThat(OversightCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(OversightCsv.cell("Team North")).isEqualTo("Team North");
    assertThat(OversightCsv.cell(null)).isEmpty();
    assertThat(OversightCsv.cell(7857)).isEqualTo("7857");
  }

  private ResponseEntity<String> get(String user, String path) {
    return http.withBasicAuth(user, user).getForEntity(path, String.class);
  }

  /** The figures CSV as section|figure|team to value. */
  static Map<String, String> figures(String csv) {
    Map<String, String> figures = new HashMap<>();
    for (Map<String, String> row : rows(csv)) {
      figures.put(row.get("section") + "|" + row.get("figure") + "|" + row.get("team"), row.get("value"));
    }
    return figures;
  }

  /** RFC 4180 rows, each by the header's column names. */
  static List<Map<String, String>> rows(String csv) {
    List<List<String>> lines = parse(csv);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> line : lines.subList(1, lines.size())) {
      Map<String, String> row = new HashMap<>();
      assertThat(line).as("cells of %s", line).hasSameSizeAs(lines.get(0));
      for (int i = 0; i < line.size(); i++) {
        row.put(lines.get(0).get(i), line.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** A strict RFC 4180 reader: CRLF between records, quoted cells with doubled quotes. */
  static List<List<String>> parse(String csv) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        assertThat(cell).as("a quote only opens a cell").isEmpty();
        quoted = true;
      } else if (c == ',') {
        record.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        record.add(cell.toString());
        cell.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i++;
      } else {
        assertThat(c).as("a bare line break outside quotes").isNotIn('\r', '\n');
        cell.append(c);
      }
    }
    assertThat(quoted).as("every quote closed").isFalse();
    assertThat(record).as("the last record ends with CRLF").isEmpty();
    return records;
  }
}
