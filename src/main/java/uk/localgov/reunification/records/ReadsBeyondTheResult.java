package uk.localgov.reunification.records;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterCountCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Reads whose result does not name the cases read ({@link CaseReads}): a task completion asked to
 * return the case's variables ({@code withVariablesInReturn}), and a count of tasks or cases
 * whose variables hold given values (a count tells whether a child with that name, say, has a case
 * the caller may see). For such a count the same query is listed, under the caller's
 * authorizations, to find the cases it counted.
 */
final class ReadsBeyondTheResult {

  /** As many cases as a caller may list at once (query-max-results-limit). */
  private static final int LISTED = 2000;

  private ReadsBeyondTheResult() {
  }

  static boolean returnedVariables(Command<?> command, Object result) {
    return (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)
        && result instanceof VariableMap variables && !variables.isEmpty();
  }

  static boolean isCountByValues(Command<?> command) {
    Query<?, ?> query = countedQuery(command, null);
    return query != null && hasValueConditions(query);
  }

  /** The cases the count counted, by the case's child. */
  static Set<String> casesCounted(Command<?> command, Object result, CommandContext context,
      BiFunction<String, CommandContext, String> childOf) {
    Set<String> children = new LinkedHashSet<>();
    if (!(result instanceof Number count) || count.longValue() == 0) {
      return children;
    }
    AbstractQuery<?, ?> query = (AbstractQuery<?, ?>) countedQuery(command, context);
    for (Object row : query.evaluateExpressionsAndExecuteList(context, new Page(0, LISTED))) {
      String businessKey = call(row, "getBusinessKey");
      String child = businessKey != null ? businessKey : processInstanceChild(row, context, childOf);
      if (child != null) {
        children.add(child);
      }
    }
    return children;
  }

  private static String processInstanceChild(Object row, CommandContext context,
      BiFunction<String, CommandContext, String> childOf) {
    String processInstanceId = call(row, "getProcessInstanceId");
    return processInstanceId == null ? null : childOf.apply(processInstanceId, context);
  }

  /** The query a count runs: a query asked for its count, or a filter's query extended by the caller's. */
  private static Query<?, ?> countedQuery(Command<?> command, CommandContext context) {
    if (command instanceof AbstractQuery<?, ?> query && "COUNT".equals(String.valueOf(field(query, AbstractQuery.class,
        "resultType")))) {
      return query;
    }
    if (command instanceof ExecuteFilterCountCmd filterCount) {
      if (context == null) {
        Object extending = field(filterCount, AbstractExecuteFilterCmd.class, "extendingQuery");
        return extending instanceof Query<?, ?> given ? given : null;
      }
      try {
        Method merged = AbstractExecuteFilterCmd.class.getDeclaredMethod("getFilterQuery", CommandContext.class);
        merged.setAccessible(true);
        return (Query<?, ?>) merged.invoke(filterCount, context);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Camunda's filter count changed: revisit the read log of counts", e);
      }
    }
    return null;
  }

  /** Conditions on variable values: a task query's and its or-branches', a process or history query's. */
  private static boolean hasValueConditions(Object query) {
    for (String getter : List.of("getVariables", "getQueryVariableValues")) {
      Object conditions = invoke(query, getter);
      if (conditions instanceof Collection<?> list && !list.isEmpty()) {
        return true;
      }
    }
    if (invoke(query, "getQueries") instanceof Collection<?> branches) {
      for (Object branch : branches) {
        if (branch != query && hasValueConditions(branch)) {
          return true;
        }
      }
    }
    return field(query, query.getClass(), "queryVariableValue") != null;
  }

  private static String call(Object target, String getter) {
    return invoke(target, getter) instanceof String text && !text.isBlank() ? text : null;
  }

  private static Object invoke(Object target, String name) {
    try {
      return target.getClass().getMethod(name).invoke(target);
    } catch (ReflectiveOperationException | RuntimeException none) {
      return null;
    }
  }

  private static Object field(Object target, Class<?> type, String name) {
    for (Class<?> each = type; each != null; each = each.getSuperclass()) {
      try {
        Field field = each.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
      } catch (NoSuchFieldException next) {
        // look further up
      } catch (IllegalAccessException e) {
        return null;
      }
    }
    return null;
  }
}
