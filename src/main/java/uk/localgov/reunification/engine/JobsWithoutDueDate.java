package uk.localgov.reunification.engine;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The job executor reads only jobs with a due date ({@code ensureJobDueDateNotNull},
 * application.yaml). A job queued before that setting, on a database an earlier version of the
 * application wrote, has none and would never run: at start-up each such job is made due now,
 * through the engine, so the change is in its operation log. After the first start there are none
 * left, and this is one indexed query.
 */
@Component
class JobsWithoutDueDate {

  private static final Logger LOG = LoggerFactory.getLogger(JobsWithoutDueDate.class);

  private final ManagementService management;
  private final JdbcTemplate jdbc;

  JobsWithoutDueDate(ManagementService management, JdbcTemplate jdbc) {
    this.management = management;
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationStartedEvent.class)
  void makeDueNow() {
    // found by SQL (the engine's job query cannot ask for a missing due date), changed by the engine
    List<String> undated = jdbc.queryForList("SELECT ID_ FROM ACT_RU_JOB WHERE DUEDATE_ IS NULL", String.class);
    for (String job : undated) {
      try {
        management.setJobDuedate(job, ClockUtil.getCurrentTime());
      } catch (OptimisticLockingException runningElsewhere) {
        // another node is running it or dating it at this moment
        LOG.warn("Job {} had no due date and was changed by another node while being given one", job);
      }
    }
    if (!undated.isEmpty()) {
      LOG.info("{} job(s) queued without a due date are now due", undated.size());
    }
  }
}
