package uk.localgov.reunification.casework;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandGuard;
import uk.localgov.reunification.engine.CommandPayload;
import uk.localgov.reunification.engine.CommandPayload.Address;

/**
 * A message reaches exactly one child's case, named by its case reference (contract, wave 3: bounds
 * on what callers send). Camunda correlates a message to whatever the sender's address matches:
 * with {@code all} and no business key, one mistaken integration call would end every child's
 * case. So a message from anyone but an administrator names the case by {@code businessKey} and by
 * nothing else; each other way of addressing it is refused with a 400 naming the field. The
 * application's own messages between a case's processes run inside the engine and are not checked.
 */
@Component
public class OneCaseAddressed implements CommandGuard {

  @Override
  public void check(Command<?> command, Caller caller, CommandContext context) {
    if (caller == null || caller.isAdministrator()) {
      return;
    }
    CommandPayload.message(command).ifPresent(message -> {
      Address address = message.address();
      refuseIf(address.all(), "all", "would reach every case waiting for " + message.messageName());
      refuseIf(address.processInstanceId() != null, "processInstanceId", "is an engine id");
      refuseIf(address.processDefinitionId() != null, "processDefinitionId", "would reach any case of that definition");
      refuseIf(!address.correlationKeys().isEmpty(), "correlationKeys", "would reach every case whose variables match");
      refuseIf(!address.localCorrelationKeys().isEmpty(), "localCorrelationKeys",
          "would reach every case whose variables match");
      refuseIf(address.tenantIdSet(), "tenantId", "is not for a sender to choose: the case's authority is the case's own");
      refuseIf(address.variablesInResult(), "variablesInResultEnabled",
          "would return the case's record to the sender; read the case through its chronology, which logs the read");
      if (message.businessKey() == null || message.businessKey().isBlank()) {
        throw new CaseInputRefused("businessKey", "is required: a message names one child's case by the child's case"
            + " reference (childId)");
      }
    });
  }

  private static void refuseIf(boolean given, String field, String why) {
    if (given) {
      throw new CaseInputRefused(field, why + "; a message names one child's case by its case reference alone, as"
          + " businessKey (only an administrator may address it otherwise)");
    }
  }
}
