package uk.localgov.reunification.notification;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A notice whose send failed waits before its next try, longer each time
 * ({@link MailProperties#retryAfter}), rather than being tried again at once: the engine's own
 * retry strategy applies a retry cycle only to jobs of an activity, and a notice belongs to none,
 * so it was tried three times back to back and became an incident within seconds of a mail
 * outage. Every other failed job is left to the engine's strategy.
 */
final class NoticeBackOff implements FailedJobCommandFactory {

  private final FailedJobCommandFactory engines;
  private final List<Duration> retryAfter;

  NoticeBackOff(FailedJobCommandFactory engines, List<Duration> retryAfter) {
    this.engines = engines;
    this.retryAfter = retryAfter;
  }

  @Override
  public Command<Object> getCommand(String jobId, Throwable exception) {
    return new JobRetryCmd(jobId, exception) {
      @Override
      public Object execute(CommandContext context) {
        JobEntity job = getJob();
        if (job == null || !NoticeJob.TYPE.equals(job.getJobHandlerType())) {
          return engines.getCommand(jobId, exception).execute(context);
        }
        // the tries so far, this one included, say which wait comes next
        int failed = Math.max(1, retryAfter.size() + 1 - job.getRetries() + 1);
        Duration wait = retryAfter.get(Math.min(failed, retryAfter.size()) - 1);
        job.unlock();
        logException(job);
        decrementRetries(job); // at none left, the engine makes the incident
        job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + wait.toMillis()));
        notifyAcquisition(context);
        return null;
      }
    };
  }
}
