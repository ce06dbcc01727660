package uk.localgov.reunification.outage;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;

/**
 * Camunda's REST API answers an unreachable database (Spring's CannotCreateTransactionException,
 * which is no ProcessEngineException) with 500 through its catch-all mapper for Throwable. This
 * mapper, closer to such exceptions, answers 503 instead and leaves every other exception to
 * Camunda's own handling, unchanged.
 */
public class DatabaseUnavailableMapper implements ExceptionMapper<Exception> {

  @Override
  public Response toResponse(Exception exception) {
    if (DatabaseUnavailable.causedBy(exception)) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", DatabaseUnavailable.RETRY_AFTER)
          .type(MediaType.APPLICATION_JSON_TYPE).entity(DatabaseUnavailable.json()).build();
    }
    return ExceptionHandlerHelper.getInstance().getResponse(exception);
  }
}
