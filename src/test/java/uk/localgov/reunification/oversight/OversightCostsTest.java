package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
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
 * The costs of the oversight report: the unit costs an administrator sets (the NSPCC's until then),
 * and the report's counts priced at them, for the cases the caller may see ({@link PastReturns}:
 * two children of Team North home on 17 February 2021, one back in care ten days later, one of
 * Team South).
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversightCostsTest {

  static final String UNIT_COSTS = "/api/oversight/unit-costs";

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  JdbcTemplate jdbc;

  PastReturns returns;

  /** The cases are made in the first test (the coverage recorder needs a test running). */
  @BeforeEach
  void theDefaultsAndTheCases() {
    // the tests share one database: each starts from the defaults, and leaves them
    jdbc.update("DELETE FROM UNIT_COSTS");
    if (returns == null) {
      returns = new PastReturns(http, runtime, LocalDate.of(2021, 2, 17)).start("COSTS", 2, 1);
    }
  }

  @AfterEach
  void theDefaultsAgain() {
    jdbc.update("DELETE FROM UNIT_COSTS");
  }

  @AfterAll
  void noCaseLeftOpen() {
    returns.close();
  }

  @Test
  void untilAnAdministratorSetsThemTheUnitCostsAreTheNspccs() {
    Map<?, ?> settings = http.withBasicAuth("socialworker1", "socialworker1").getForObject(UNIT_COSTS, Map.class);

    Map<?, ?> current = (Map<?, ?>) settings.get("current");
    assertThat(current.get("returnToCare")).isEqualTo(105804);
    assertThat(current.get("supportPerFamily")).isEqualTo(7857);
    assertThat(current.get("source")).asString().startsWith("NSPCC, Supporting children and families returning home"
        + " from care: counting the costs (2024)").contains("Home Again");
    assertThat(current.get("setBy")).isNull();
    assertThat((List<?>) settings.get("history")).isEmpty();
    assertThat(http.getForEntity(UNIT_COSTS, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void anAdministratorSetsThemAndEachChangeIsKeptNewestFirst() {
    assertThat(set("admin", unitCosts(110000, 8000, "Our finance team, 2025/26")).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<Map> answer = set("admin", unitCosts(112500, 8100, "  Our finance team, revised  "));
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);

    Map<?, ?> settings = http.withBasicAuth("linemanager1", "linemanager1").getForObject(UNIT_COSTS, Map.class);
    assertThat(settings).isEqualTo(answer.getBody());
    Map<String, Object> current = map(settings.get("current"));
    assertThat(current).containsEntry("returnToCare", 112500).containsEntry("supportPerFamily", 8100)
        .containsEntry("source", "Our finance team, revised").containsEntry("setBy", "admin");
    assertThat(current.get("setAt")).asString().isNotBlank();
    assertThat((List<?>) settings.get("history")).map(setting -> map(setting).get("returnToCare"))
        .containsExactly(112500, 110000);
  }

  @Test
  void nobodyButAnAdministratorSetsThem() {
    for (String user : List.of("linemanager1", "servicemanager1", "headofservice1", "socialworker1")) {
      ResponseEntity<Map> refused = set(user, unitCosts(1, 1, "Guesswork"));
      assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody().get("message")).isEqualTo("Only administrators set the unit costs");
    }
    assertThat(http.exchange(UNIT_COSTS, HttpMethod.PUT, json(unitCosts(1, 1, "Guesswork"), new HttpHeaders()),
        String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    HttpHeaders cockpit = new HttpHeaders();
    cockpit.add(HttpHeaders.COOKIE, "JSESSIONID=" + WebappLogin.session(http, "cockpit", "admin", "admin"));
    assertThat(http.exchange(UNIT_COSTS, HttpMethod.PUT, json(unitCosts(1, 1, "Guesswork"), cockpit), String.class)
        .getStatusCode()).as("a change needs credentials on the request, not a Cockpit login")
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UNIT_COSTS", Integer.class)).isZero();
  }

  @Test
  void aBadValueIsRefusedNamingTheField() {
    Map<String, Object> good = unitCosts(105804, 7857, "NSPCC 2024");
    List<Map.Entry<String, Map<String, Object>>> bad = List.of(
        Map.entry("'returnToCare'", without(good, "returnToCare")),
        Map.entry("'returnToCare' must be a whole number of pounds", with(good, "returnToCare", 0)),
        Map.entry("'returnToCare' must be a whole number of pounds above 0", with(good, "returnToCare", -100)),
        Map.entry("'returnToCare' must be a whole number", with(good, "returnToCare", 105804.5)),
        Map.entry("'returnToCare' must be a whole number of pounds above 0 and below 10000000",
        with(good, "returnToCare", 10_000_000)),
        Map.entry("'returnToCare' ", with(good, "returnToCare", "105804")),
        Map.entry("'supportPerFamily' must be a whole number", with(good, "supportPerFamily", 0.5)),
        Map.entry("'supportPerFamily' ", without(good, "supportPerFamily")),
        Map.entry("'source' is required", without(good, "source")),
        Map.entry("'source' is required", with(good, "source", "   ")),
        Map.entry("'source' must be at most 1000 characters", with(good, "source", "x".repeat(1001))),
        Map.entry("'setBy' is not a unit cost setting", with(good, "setBy", "director1")));
    bad.forEach(refusal -> {
      String message = refusal.getKey();
      Map<String, Object> body = refusal.getValue();
      ResponseEntity<Map> refused = set("admin", body);
      assertThat(refused.getStatusCode()).as(message).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("message")).as(message).asString().startsWith(message);
    });
    assertThat(set("admin", with(good, "source", "x".repeat(1000))).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UNIT_COSTS", Integer.class)).as("only the good one").isOne();
  }

  @Test
  void theCostsAreTheReportsCountsAtTheUnitCostsInForce() {
    set("admin", unitCosts(100000, 8000, "Round figures for the test"));

    for (String period : List.of("", "?" + returns.query())) {
      Map<?, ?> report = http.withBasicAuth("linemanager1", "linemanager1").getForObject("/api/oversight" + period,
          Map.class);
      Map<?, ?> outcomes = (Map<?, ?>) report.get("outcomes");
      Map<?, ?> costs = (Map<?, ?>) report.get("costs");
      assertThat(costs.get("returnsToCare")).as(period).isEqualTo(outcomes.get("backInCareInPeriod"));
      assertThat(costs.get("returnsSustained")).as(period).isEqualTo(outcomes.get("sustainedInPeriod"));
      assertThat(costs.get("familiesSupported")).as(period).isEqualTo(outcomes.get("returnedHome"));
      assertThat(number(costs, "costOfReturnsToCare")).as(period).isEqualTo(100000L * number(costs, "returnsToCare"));
      assertThat(number(costs, "costOfSupport")).as(period).isEqualTo(8000L * number(costs, "familiesSupported"));
      assertThat(map(costs.get("unitCosts"))).containsEntry("returnToCare", 100000)
          .containsEntry("supportPerFamily", 8000).containsEntry("source", "Round figures for the test")
          .containsEntry("setBy", "admin");
    }
  }

  @Test
  void aLineManagersCostsCountOnlyTheirTeamsCases() {
    Map<?, ?> north = http.withBasicAuth("linemanager1", "linemanager1")
        .getForObject("/api/oversight?" + returns.query(), Map.class);
    Map<?, ?> south = http.withBasicAuth("linemanager2", "linemanager2")
        .getForObject("/api/oversight?" + returns.query(), Map.class);

    assertThat(((Map<?, ?>) north.get("outcomes")).get("returnedHome")).isEqualTo(2);
    assertThat(((Map<?, ?>) north.get("outcomes")).get("backInCareSoFar")).isEqualTo(1);
    assertThat(((Map<?, ?>) south.get("outcomes")).get("returnedHome")).isEqualTo(1);
    assertThat(((Map<?, ?>) south.get("outcomes")).get("backInCareSoFar")).isEqualTo(0);
    Map<?, ?> northCosts = (Map<?, ?>) north.get("costs");
    Map<?, ?> southCosts = (Map<?, ?>) south.get("costs");
    assertThat(northCosts.get("familiesSupported")).isEqualTo(2);
    assertThat(number(northCosts, "costOfSupport")).isEqualTo(2 * 7857L);
    assertThat(southCosts.get("familiesSupported")).isEqualTo(1);
    assertThat(number(southCosts, "costOfSupport")).isEqualTo(7857L);
    assertThat(southCosts.get("returnsToCare")).as("Team South's child stayed home").isEqualTo(0);
    assertThat(number(southCosts, "costOfReturnsToCare")).isZero();
    assertThat(number(northCosts, "costOfReturnsToCare"))
        .isEqualTo(105804L * number((Map<?, ?>) north.get("outcomes"), "backInCareInPeriod"));
  }

  private ResponseEntity<Map> set(String user, Map<String, Object> body) {
    return http.withBasicAuth(user, user).exchange(UNIT_COSTS, HttpMethod.PUT, json(body, new HttpHeaders()), Map.class);
  }

  private static HttpEntity<Map<String, Object>> json(Map<String, Object> body, HttpHeaders headers) {
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  static Map<String, Object> unitCosts(Object returnToCare, Object supportPerFamily, String source) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("returnToCare", returnToCare);
    body.put("supportPerFamily", supportPerFamily);
    body.put("source", source);
    return body;
  }

  private static Map<String, Object> with(Map<String, Object> body, String name, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(body);
    changed.put(name, value);
    return changed;
  }

  private static Map<String, Object> without(Map<String, Object> body, String name) {
    Map<String, Object> changed = new LinkedHashMap<>(body);
    changed.remove(name);
    return changed;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object json) {
    return (Map<String, Object>) json;
  }

  private static long number(Map<?, ?> figures, String name) {
    return ((Number) figures.get(name)).longValue();
  }
}
