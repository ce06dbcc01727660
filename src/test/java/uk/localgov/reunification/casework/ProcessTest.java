package uk.localgov.reunification.casework;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** What every process test needs: the engine's services, a clock to move, and a case's history. */
abstract class ProcessTest {

  static final ZoneId ENGLAND = ZoneId.of("Europe/London");

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;

  int caseNumber;

  @BeforeEach
  void initAssertions() {
    AbstractAssertions.init(engine);
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  /** A case reference no other test uses. */
  String newChildId(String prefix) {
    return prefix + (++caseNumber) + "-" + System.nanoTime() % 100000;
  }

  /** The process of the given key that serves the same child as this one. */
  ProcessInstance sub(String key, ProcessInstance instance) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(key)
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
  }

  /** How the case ended, as history keeps it for reporting. */
  Object outcome(ProcessInstance instance) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("outcome").singleResult().getValue();
  }

  static Date at(int year, int month, int day, int hour, int minute) {
    return at(year, month, day, hour, minute, 0);
  }

  static Date at(int year, int month, int day, int hour, int minute, int second) {
    return Date.from(LocalDateTime.of(year, month, day, hour, minute, second).atZone(ENGLAND).toInstant());
  }
}
