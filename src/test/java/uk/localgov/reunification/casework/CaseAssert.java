package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Assertions on a whole case: the instance and every process it called (the return, its life at
 * home, support, closure...). A step of the case is asserted wherever the case's diagrams draw it,
 * so a test reads as the policy does ("the case waits for the first home visit").
 */
final class CaseAssert {

  private final ProcessEngine engine;
  private final ProcessInstance instance;

  CaseAssert(ProcessEngine engine, ProcessInstance instance) {
    this.engine = engine;
    this.instance = instance;
  }

  /** The instance and all it called, ended or running, from history. */
  private List<String> instances() {
    List<String> ids = new ArrayList<>(List.of(instance.getId()));
    for (int i = 0; i < ids.size(); i++) {
      engine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()
          .forEach(called -> ids.add(called.getId()));
    }
    return ids;
  }

  /** The activities the case waits at now, jobs before an activity included. */
  Set<String> waitingAt() {
    Set<String> waiting = new LinkedHashSet<>();
    for (String id : instances()) {
      ActivityInstance tree = engine.getRuntimeService().getActivityInstance(id);
      if (tree != null) {
        collect(tree, waiting);
      }
    }
    return waiting;
  }

  private static void collect(ActivityInstance activity, Set<String> into) {
    for (ActivityInstance child : activity.getChildActivityInstances()) {
      into.add(child.getActivityId());
      collect(child, into);
    }
    for (var transition : activity.getChildTransitionInstances()) {
      into.add(transition.getActivityId());
    }
  }

  private Set<String> passed() {
    Set<String> passed = new LinkedHashSet<>();
    for (String id : instances()) {
      engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id).finished().list()
          .forEach(activity -> passed.add(activity.getActivityId()));
    }
    return passed;
  }

  private String description = "";

  /** What the assertion is about, in the policy's words, for its failure message. */
  CaseAssert as(String description) {
    this.description = description + ": ";
    return this;
  }

  CaseAssert isWaitingAt(String... activityIds) {
    assertThat(waitingAt()).as(description + "what case " + instance.getBusinessKey() + " waits at").contains(activityIds);
    return this;
  }

  CaseAssert hasPassed(String... activityIds) {
    assertThat(passed()).as(description + "what case " + instance.getBusinessKey() + " has passed").contains(activityIds);
    return this;
  }

  CaseAssert hasNotPassed(String... activityIds) {
    assertThat(passed()).as(description + "what case " + instance.getBusinessKey() + " has passed").doesNotContain(activityIds);
    return this;
  }

  CaseAssert isEnded() {
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .as("case " + instance.getBusinessKey() + " ended (it waits at " + waitingAt() + ")").isZero();
    return this;
  }

  CaseAssert isNotEnded() {
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .as("case " + instance.getBusinessKey() + " still runs").isOne();
    return this;
  }

  CaseAssert isActive() {
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).active().count())
        .as("case " + instance.getBusinessKey() + " is active").isOne();
    return this;
  }
}
