package uk.localgov.reunification.deployment;

import uk.localgov.reunification.authority.LocalPolicy;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.casework.CaseTask;

/**
 * Every new deployment, from Camunda Modeler's Deploy button, REST or the application's own
 * start-up, is checked by the rules the model tests use ({@link ModelRules}) before the engine
 * deploys it; a deployment with a problem is refused whole ({@link DeploymentRefused}: REST's 400,
 * naming each element and rule) and nothing of it is kept. A form a task names is looked for in the
 * deployment, then among the forms already deployed ({@code camunda:formRefBinding="latest"}); a
 * form deployed without its diagrams must still ask for what each task using it records.
 */
@Component
public class DeploymentRules extends OrderedPlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(new Checked());
  }

  /** The problems of a deployment's resources, with the forms already deployed to fall back on. */
  static List<String> problems(Map<String, byte[]> resources, CommandContext context) {
    Map<String, Set<String>> forms = new HashMap<>();
    resources.forEach((name, content) -> {
      if (name.endsWith(".form")) {
        Map.Entry<String, Set<String>> form = ModelRules.form(content);
        forms.put(form.getKey(), form.getValue());
      }
    });
    List<String> problems = new ArrayList<>();
    Map<String, BpmnModelInstance> diagrams = new LinkedHashMap<>();
    resources.forEach((name, content) -> {
      if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
        diagrams.put(name, Bpmn.readModelFromStream(new ByteArrayInputStream(content)));
      }
    });
    diagrams.forEach((name, model) -> {
      Map<String, Set<String>> reachable = new HashMap<>(forms);
      formRefs(model).stream().filter(ref -> !reachable.containsKey(ref))
          .forEach(ref -> deployedForm(ref, context).ifPresent(fields -> reachable.put(ref, fields)));
      ModelRules.problems(model, name, reachable, ApplicationBeans.names())
          .forEach(problem -> problems.add(name + ": " + problem));
    });
    problems.addAll(formsAloneProblems(forms, diagrams, context));
    return problems;
  }

  private static List<String> formRefs(BpmnModelInstance model) {
    List<String> refs = new ArrayList<>();
    model.getModelElementsByType(UserTask.class).forEach(task -> refs.add(task.getCamundaFormRef()));
    model.getModelElementsByType(StartEvent.class).forEach(start -> refs.add(start.getCamundaFormRef()));
    refs.removeIf(java.util.Objects::isNull);
    return refs;
  }

  private static java.util.Optional<Set<String>> deployedForm(String formId, CommandContext context) {
    CamundaFormDefinitionEntity form = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(formId);
    if (form == null) {
      return java.util.Optional.empty();
    }
    ResourceEntity resource = context.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName());
    return java.util.Optional.ofNullable(resource).map(found -> ModelRules.form(found.getBytes()).getValue());
  }

  /** A form deployed without the diagrams that use it must still ask for what their tasks record. */
  private static List<String> formsAloneProblems(Map<String, Set<String>> forms, Map<String, BpmnModelInstance> diagrams,
      CommandContext context) {
    List<String> problems = new ArrayList<>();
    if (forms.isEmpty()) {
      return problems;
    }
    Set<String> keysDeployedNow = new java.util.HashSet<>();
    diagrams.values().forEach(model -> model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
        .forEach(process -> keysDeployedNow.add(process.getId())));
    var repository = context.getProcessEngineConfiguration().getRepositoryService();
    var latest = new org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl();
    latest.latestVersion();
    for (var definition : context.getProcessDefinitionManager().findProcessDefinitionsByQueryCriteria(latest, null)) {
      if (keysDeployedNow.contains(definition.getKey())) {
        continue;
      }
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        Set<String> formFields = forms.get(task.getCamundaFormRef());
        if (formFields == null) {
          continue;
        }
        Set<String> fields = ModelRules.forTask(formFields, task.getId());
        CaseTask.of(task.getId()).ifPresent(declared -> declared.requiredNames().stream()
            .filter(variable -> !fields.contains(variable))
            .forEach(variable -> problems.add("form " + task.getCamundaFormRef() + " does not ask for " + variable
                + ", which " + task.getId() + " of " + definition.getKey() + " records")));
      }
    }
    return problems;
  }

  /** Runs first among the deployers, on deployments that are new (not a cached one parsed again). */
  /**
   * A deployment for one authority (a tenant) holds only that authority's versions of local-policy
   * decisions: the processes, forms and the law's decisions are shared by every authority.
   */
  static List<String> authorityVersionProblems(Map<String, byte[]> resources) {
    List<String> problems = new ArrayList<>();
    resources.forEach((name, content) -> {
      if (!name.endsWith(".dmn")) {
        problems.add(name + ": an authority's deployment holds only its versions of the local-policy decisions ("
            + String.join(", ", new java.util.TreeSet<>(LocalPolicy.LOCAL_DECISIONS)) + "); diagrams and forms are"
            + " shared by every authority");
        return;
      }
      org.camunda.bpm.model.dmn.Dmn.readModelFromStream(new ByteArrayInputStream(content))
          .getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class).stream()
          .filter(decision -> !LocalPolicy.LOCAL_DECISIONS.contains(decision.getId()))
          .forEach(decision -> problems.add(name + ": decision " + decision.getId() + " is not local policy: it is"
              + " shared by every authority (only " + String.join(", ", new java.util.TreeSet<>(LocalPolicy.LOCAL_DECISIONS))
              + " may have an authority's own version)"));
    });
    return problems;
  }

  private static final class Checked implements Deployer {
    @Override
    public void deploy(DeploymentEntity deployment) {
      if (!deployment.isNew() || deployment.getResources() == null) {
        return;
      }
      Map<String, byte[]> resources = new LinkedHashMap<>();
      deployment.getResources().forEach((name, resource) -> resources.put(name, resource.getBytes()));
      List<String> problems = new ArrayList<>(problems(resources, Context.getCommandContext()));
      if (deployment.getTenantId() != null) {
        problems.addAll(authorityVersionProblems(resources));
      }
      if (!problems.isEmpty()) {
        throw new DeploymentRefused(deployment.getName(), problems);
      }
      RepositoryDrift.logDeployed(deployment.getName(), deployment.getSource(), resources);
    }
  }
}
