package uk.localgov.reunification.api;

/** A request to the project's own API that is refused, with the HTTP status and what was wrong. */
public class Refused extends RuntimeException {

  private final int status;

  public Refused(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
