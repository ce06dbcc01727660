package uk.localgov.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.http.HttpDsl.CookieKey;
import static io.gatling.javaapi.http.HttpDsl.getCookieValue;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Caseworkers at work over HTTP, run by Gatling in a JVM of its own ({@link LoadRun} starts it).
 * Each virtual user is one social worker who signs in to Tasklist as a person does (the app's page
 * for the session and its CSRF token, then the login form) and then, for the run's length, sends
 * what Tasklist sends through the webapp's own API with that session: the filter list with each
 * filter's count, "My tasks" (the filter's first page of 15, newest first, as HAL with the case
 * columns, and its count), then the newest task opened (the task, its form reference, its deployed
 * Camunda form, its form variables, and the Case tab: the task's child and the case's chronology),
 * the filter counts refreshed while the form is filled in, and the task submitted with what its
 * form asks (the plan, the first home visit or a statutory visit, the tasks a social worker of
 * these cases has; another task is opened and left). A list with no task is counted
 * ({@code load.events}), not skipped in silence. With {@code load.pause=true} a person's pauses lie
 * between the actions (reading the list, filling in the form); without, the loop is closed and
 * finds the saturation throughput. {@code load.mix=taskQuery} sends only the task query, as the
 * plain REST task query with basic credentials (for the bare starter too, which has no filters and
 * no users).
 *
 * <p>System properties: {@code load.baseUrl}, {@code load.users}, {@code load.firstWorker} (the
 * users are benchworker{first}, {first+1}, …), {@code load.seconds}, {@code load.pause},
 * {@code load.mix} ("casework" or "taskQuery"), {@code load.filter} (the "My tasks" filter's id),
 * {@code load.auth} (send basic credentials, taskQuery only), {@code load.events} (a file for the
 * counted events).
 */
public class CaseworkersSimulation extends Simulation {

  static final String BASE = System.getProperty("load.baseUrl", "http://localhost:8080");
  static final int USERS = Integer.getInteger("load.users", 50);
  static final int FIRST_WORKER = Integer.getInteger("load.firstWorker", 0);
  static final int SECONDS = Integer.getInteger("load.seconds", 180);
  static final boolean PAUSE = Boolean.parseBoolean(System.getProperty("load.pause", "true"));
  static final String MIX = System.getProperty("load.mix", "casework");
  static final String FILTER = System.getProperty("load.filter", "");
  static final boolean AUTH = Boolean.parseBoolean(System.getProperty("load.auth", "true"));
  /** Where the run's counted events go ({@code lists=}, {@code emptyLists=}), for {@link LoadRun}. */
  static final String EVENTS = System.getProperty("load.events", "");

  static final java.util.concurrent.atomic.AtomicLong LISTS = new java.util.concurrent.atomic.AtomicLong();
  static final java.util.concurrent.atomic.AtomicLong EMPTY_LISTS = new java.util.concurrent.atomic.AtomicLong();

  @Override
  public void after() {
    if (!EVENTS.isEmpty()) {
      try {
        java.nio.file.Files.writeString(java.nio.file.Path.of(EVENTS), "lists=" + LISTS.get() + "\nemptyLists="
            + EMPTY_LISTS.get() + "\n");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** What Tasklist sends for a filter's list and count: newest first, with the filter's case columns. */
  static final String TASKLIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
      + "\"orQueries\":[],\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],"
      + "\"variableNames\":[\"childName\",\"childId\"],\"variableNamesIgnoreCase\":false}";
  static final String TASK_QUERY_BODY = "{\"assignee\":\"#{worker}\",\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";

  /** The tasks a worker of the benchmark's cases completes: the plan, the first visit, a statutory visit. */
  static final java.util.Set<String> COMPLETED = java.util.Set.of("completeReturnPlan", "firstHomeVisit", "statutoryVisit");

  static String completion(Session session) {
    String key = session.getString("taskKey");
    String today = LocalDate.now().toString();
    if ("firstHomeVisit".equals(key) || "statutoryVisit".equals(key)) {
      return "{\"variables\":{\"visitDate\":{\"value\":\"" + today + "\",\"type\":\"String\"},"
          + "\"childSeenAlone\":{\"value\":true,\"type\":\"Boolean\"},"
          + "\"childWishesAndFeelings\":{\"value\":\"Glad to be home\",\"type\":\"String\"},"
          + "\"parentView\":{\"value\":\"Coping\",\"type\":\"String\"},"
          + "\"welfareSafeguarded\":{\"value\":true,\"type\":\"Boolean\"}}}";
    }
    return "{\"variables\":{\"returnPlan\":{\"value\":\"Outreach team daily; school\",\"type\":\"String\"}}}";
  }

  ChainBuilder think(long fromMillis, long toMillis) {
    return PAUSE ? exec(pause(Duration.ofMillis(fromMillis), Duration.ofMillis(toMillis))) : exec(session -> session);
  }

  /** What Tasklist sends, by its own API (the webapp session's), with the token its CSRF filter gave the session. */
  static final String WEBAPP = "/camunda/api/engine/engine/default";

  /** Tasklist's sign-in: the app's page (the session and its CSRF token), then the login form. */
  ChainBuilder signIn() {
    return exec(http("Sign in: Tasklist page").get("/camunda/app/tasklist/default/").header("Accept", "text/html")
        .check(status().is(200)))
        .exec(getCookieValue(CookieKey("XSRF-TOKEN").saveAs("xsrf")))
        .exec(http("Sign in: log in").post("/camunda/api/admin/auth/user/default/login/tasklist")
            .header("X-XSRF-TOKEN", "#{xsrf}").header("Content-Type", "application/x-www-form-urlencoded")
            .body(StringBody("username=#{worker}&password=#{password}")).check(status().is(200)));
  }

  /**
   * A request as Tasklist sends it: with the CSRF token read from its cookie just before, as the
   * webapp reads it for each request (the session a login renews gets its token on its first request).
   */
  static ChainBuilder webapp(io.gatling.javaapi.http.HttpRequestActionBuilder request) {
    return exec(getCookieValue(CookieKey("XSRF-TOKEN").withPath("/camunda").saveAs("xsrf")))
        .exec(request.header("X-XSRF-TOKEN", "#{xsrf}"));
  }

  /** The filter list with each filter's count, as Tasklist shows it and refreshes it. */
  ChainBuilder filters(String name) {
    return exec(webapp(http(name).get(WEBAPP + "/filter?resourceType=Task&itemCount=true").check(status().is(200))));
  }

  ChainBuilder casework() {
    return exec(session -> session.remove("taskId").remove("taskKey"))
        .exec(filters("Filters with counts"))
        .exec(webapp(http("My tasks: list").post(WEBAPP + "/filter/" + FILTER + "/list?firstResult=0&maxResults=15")
            .header("Accept", "application/hal+json").body(StringBody(TASKLIST_BODY))
            .check(status().is(200), jsonPath("$._embedded.task[0].id").optional().saveAs("taskId"),
                jsonPath("$._embedded.task[0].taskDefinitionKey").optional().saveAs("taskKey"))))
        .exec(webapp(http("My tasks: count").post(WEBAPP + "/filter/" + FILTER + "/count")
            .body(StringBody(TASKLIST_BODY)).check(status().is(200))))
        .exec(session -> {
          LISTS.incrementAndGet();
          if (!session.contains("taskId")) {
            EMPTY_LISTS.incrementAndGet(); // counted, and said in the results: a run with nothing to open is not a run
          }
          return session;
        })
        .exec(think(2000, 5000))
        .doIf(session -> session.contains("taskId")).then(
            exec(webapp(http("Open task: task").get(WEBAPP + "/task/#{taskId}").header("Accept", "application/hal+json")
                .check(status().is(200))))
                .exec(webapp(http("Open task: form").get(WEBAPP + "/task/#{taskId}/form").check(status().is(200))))
                .exec(webapp(http("Open task: deployed form").get(WEBAPP + "/task/#{taskId}/deployed-form")
                    .check(status().is(200))))
                .exec(webapp(http("Open task: form variables").get(WEBAPP + "/task/#{taskId}/form-variables")
                    .check(status().is(200))))
                .exec(webapp(http("Case tab: child").get(WEBAPP + "/task/#{taskId}/variables/childId")
                    .check(status().is(200), jsonPath("$.value").saveAs("childId"))))
                .exec(webapp(http("Case tab: chronology").get("/api/cases/#{childId}/chronology").check(status().is(200))))
                .exec(think(3000, 8000))
                .exec(filters("Filters with counts: refresh"))
                .doIf(session -> COMPLETED.contains(session.getString("taskKey"))).then(
                    exec(webapp(http("Complete task").post(WEBAPP + "/task/#{taskId}/submit-form")
                        .body(StringBody(CaseworkersSimulation::completion)).check(status().is(204))))
                    .exec(think(1000, 3000))));
  }

  ChainBuilder taskQuery() {
    return exec(withCredentials(http("Task query: list").post("/engine-rest/task?firstResult=0&maxResults=15")
        .body(StringBody(TASK_QUERY_BODY)).check(status().is(200))))
        .exec(withCredentials(http("Task query: count").post("/engine-rest/task/count")
            .body(StringBody(TASK_QUERY_BODY)).check(status().is(200))))
        .exec(think(2000, 5000));
  }

  io.gatling.javaapi.http.HttpRequestActionBuilder withCredentials(io.gatling.javaapi.http.HttpRequestActionBuilder request) {
    return AUTH ? request.basicAuth("#{worker}", "#{password}") : request;
  }

  {
    List<Map<String, Object>> workers = new ArrayList<>();
    for (int i = FIRST_WORKER; i < FIRST_WORKER + USERS; i++) {
      Map<String, Object> worker = new HashMap<>();
      worker.put("worker", "benchworker" + i);
      worker.put("password", "Bench-Worker-2026-" + i);
      workers.add(worker);
    }
    HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptHeader("application/json")
        .contentTypeHeader("application/json").disableCaching();
    ScenarioBuilder caseworkers = scenario(MIX.equals("taskQuery") ? "Task query" : "Caseworkers")
        .feed(workers.iterator())
        .exec(MIX.equals("taskQuery") ? exec(session -> session) : signIn())
        .exitHereIfFailed() // a person who cannot sign in does no work: their failed sign-in is the run's figure
        .during(Duration.ofSeconds(SECONDS)).on(MIX.equals("taskQuery") ? taskQuery() : casework());
    setUp(caseworkers.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(10))))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(SECONDS + 60));
  }
}
