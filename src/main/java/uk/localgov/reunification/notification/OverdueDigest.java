package uk.localgov.reunification.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The weekday digest of overdue work, known in expressions as {@code overdueDigest}: process
 * {@code overdueDigest} calls it from its timer, so it runs once per cluster, whichever node takes
 * the timer's job. With mail off there is nobody to tell, and it says so in the log.
 */
@Component("overdueDigest")
public class OverdueDigest {

  private static final Logger LOG = LoggerFactory.getLogger(OverdueDigest.class);

  private final ObjectProvider<WorkNotices> notices;

  public OverdueDigest(ObjectProvider<WorkNotices> notices) {
    this.notices = notices;
  }

  /** Queues each person's digest; answers how many. */
  public int send() {
    WorkNotices work = notices.getIfAvailable();
    if (work == null) {
      LOG.info("Overdue digest: mail is off (reunification.mail.enabled), nobody told");
      return 0;
    }
    return work.sendOverdueDigest();
  }
}
