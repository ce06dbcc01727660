package uk.localgov.reunification.notification;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.mail.SimpleMailMessage;

/**
 * Puts a notice on the engine's job queue ({@link NoticeJob}), in the transaction of the command
 * that runs (a step of a case), or in one of its own. A notice about a case belongs to the case's
 * root process (the return), not to the step or called process that raised it, and is not tied to
 * any execution, so it outlives them; if sending keeps failing, its incident shows on the case's
 * process definition in Cockpit. A notice about no case (the digest) belongs to the digest's.
 */
public class NoticeQueue {

  static final String DIGEST = "overdueDigest";

  private final ProcessEngine engine;
  private final int attempts;

  /** @param attempts how many times a notice is tried before it becomes an incident */
  public NoticeQueue(ProcessEngine engine, int attempts) {
    this.engine = engine;
    this.attempts = attempts;
  }

  /** @param rootProcessInstanceId the case's root process instance, or {@code null} for a notice about no case */
  public void enqueue(SimpleMailMessage message, String rootProcessInstanceId) {
    NoticeJob.Notice notice = new NoticeJob.Notice(String.join(",", message.getTo()), message.getSubject(), message.getText(),
        java.util.UUID.randomUUID().toString());
    CommandContext running = Context.getCommandContext();
    if (running != null) {
      insert(running, notice, rootProcessInstanceId);
      return;
    }
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> {
          insert(context, notice, rootProcessInstanceId);
          return null;
        });
  }

  private void insert(CommandContext context, NoticeJob.Notice notice, String rootProcessInstanceId) {
    MessageEntity job = new MessageEntity();
    job.setJobHandlerType(NoticeJob.TYPE);
    job.setJobHandlerConfiguration(notice);
    job.setRetries(attempts);
    job.setExclusive(false);
    job.setPriority(NoticeJob.PRIORITY);
    // due now: the job executor acquires by due date and reads only jobs that have one (application.yaml)
    job.setDuedate(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime());
    ExecutionEntity root = rootProcessInstanceId == null ? null
        : context.getExecutionManager().findExecutionById(rootProcessInstanceId);
    if (root != null) {
      // named, not attached: a job attached to the case's execution would make every send touch the
      // case's row, and a caseworker's step on the same case fail on the engine's optimistic lock
      job.setProcessInstanceId(root.getId());
      job.setProcessDefinitionId(root.getProcessDefinitionId());
      job.setProcessDefinitionKey(root.getProcessDefinition().getKey());
      job.setDeploymentId(root.getProcessDefinition().getDeploymentId());
      job.setTenantId(root.getTenantId());   // the case's authority's, as the rest of the case is
    } else {
      ProcessDefinitionEntity digest = context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(DIGEST);
      if (digest != null) {
        job.setProcessDefinitionId(digest.getId());
        job.setProcessDefinitionKey(digest.getKey());
      }
    }
    context.getJobManager().send(job);
  }
}
