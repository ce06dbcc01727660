package uk.localgov.reunification.wording;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A refusal reads in the words of the form whichever check made it: the engine's wrapping with its
 * ids and class names taken off, the field by its label, codes by their labels, dates day first;
 * the field's name is kept for integrators.
 */
class PlainRefusalTest {

  final PlainRefusal plain = new PlainRefusal(new FormLabels());

  @Test
  void aRefusedTaskFormNamesTheFieldByItsLabelWithTheDateDayFirst() {
    String unwrapped = plain.unwrapped("Cannot submit task form f568d727-ee90-11f1-9d6d-02fc00000001: "
        + "'visitDate' must not be in the future (was 2027-01-05)");
    assertThat(unwrapped).isEqualTo("'visitDate' must not be in the future (was 2027-01-05)");
    assertThat(plain.field(unwrapped)).isEqualTo("visitDate");
    assertThat(plain.inPlainWords(unwrapped)).isEqualTo("Date of the visit: must not be in the future (was 05/01/2027).");
  }

  @Test
  void aRefusedStartLosesTheProcessDefinitionsIdAndTheCodesReadAsTheFormSaysThem() {
    String unwrapped = plain.unwrapped("Cannot instantiate process definition reportCaseEvent:1:edf3a1b2-ee90-11f1-9d6d-"
        + "02fc00000001: 'caseEvent' FamilyWithdrewConsent is for the social worker or their line manager");
    assertThat(unwrapped).startsWith("'caseEvent' FamilyWithdrewConsent");
    assertThat(plain.inPlainWords(unwrapped)).doesNotContain("reportCaseEvent:1", "FamilyWithdrewConsent")
        .endsWith("is for the social worker or their line manager.");
  }

  @Test
  void engineClassNamesAndCodesAreTakenOffAMessageThatNamesNoField() {
    String unwrapped = plain.unwrapped("org.camunda.bpm.engine.ProcessEngineException: ENGINE-03005 Something failed");
    assertThat(unwrapped).isEqualTo("Something failed");
    assertThat(plain.field(unwrapped)).isNull();
    assertThat(plain.inPlainWords(unwrapped)).isEqualTo("Something failed.");
  }
}
