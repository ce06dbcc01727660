package uk.localgov.reunification.records;

import java.util.Date;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.DefaultHistoryRemovalTimeProvider;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine keeps each case's history until the child's 75th birthday ({@link RecordRetention}):
 * when the root of a case's processes ends, the removal time of its whole history (its called
 * processes, decisions, tasks, variables) is that day. A process with no child behind it keeps
 * Camunda's own rule (the definition's history time to live). History cleanup runs every night on
 * every profile and removes only what has reached its removal time.
 */
@Component
public class RetentionPlugin extends OrderedPlugin {

  private final ObjectProvider<RecordRetention> retention;
  private final String cleanupFrom;
  private final String cleanupUntil;

  public RetentionPlugin(ObjectProvider<RecordRetention> retention,
      @Value("${reunification.retention.cleanup-from:20:00}") String cleanupFrom,
      @Value("${reunification.retention.cleanup-until:06:00}") String cleanupUntil) {
    this.retention = retention;
    this.cleanupFrom = cleanupFrom;
    this.cleanupUntil = cleanupUntil;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfigurationImpl.HISTORY_REMOVAL_TIME_STRATEGY_END);
    configuration.setHistoryCleanupStrategy(ProcessEngineConfigurationImpl.HISTORY_CLEANUP_STRATEGY_REMOVAL_TIME_BASED);
    configuration.setHistoryCleanupBatchWindowStartTime(cleanupFrom);
    configuration.setHistoryCleanupBatchWindowEndTime(cleanupUntil);
    configuration.setHistoryRemovalTimeProvider(new UntilThe75thBirthday());
  }

  /** The child's 75th birthday for the history of a case; Camunda's rule for anything else. */
  private final class UntilThe75thBirthday extends DefaultHistoryRemovalTimeProvider {
    @Override
    public Date calculateRemovalTime(HistoricProcessInstanceEventEntity root, ProcessDefinition definition) {
      return retention.getObject().removalTimeOf(root.getBusinessKey())
          .orElseGet(() -> super.calculateRemovalTime(root, definition));
    }
  }
}
