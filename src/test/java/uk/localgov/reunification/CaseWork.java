package uk.localgov.reunification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import uk.localgov.reunification.casework.CaseTask;

/**
 * The steps of a child's case as the tests take them, naming each task through its declaration
 * ({@link CaseTask}): a test that names a task nobody declared fails here, not somewhere later.
 */
public final class CaseWork {

  private CaseWork() {
  }

  /** The declared task of this key. */
  public static CaseTask declared(String taskKey) {
    return CaseTask.of(taskKey).orElseThrow(() -> new AssertionError(taskKey + " is not a declared task (CaseTask)"));
  }

  /** The child's open task of this kind; fails when there is none, or more than one. */
  public static Task openTask(TaskService tasks, String childId, CaseTask task) {
    Task open = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey(task.key()).singleResult();
    assertThat(open).as("%s open for %s", task.label(), childId).isNotNull();
    return open;
  }

  /** Completes the child's open task of this kind with what it records. */
  public static void complete(TaskService tasks, String childId, CaseTask task, Map<String, Object> variables) {
    tasks.complete(openTask(tasks, childId, task).getId(), variables);
  }

  public static void complete(TaskService tasks, String childId, String taskKey, Map<String, Object> variables) {
    complete(tasks, childId, declared(taskKey), variables);
  }
}
