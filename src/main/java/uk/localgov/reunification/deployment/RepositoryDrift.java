package uk.localgov.reunification.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Whether the engine runs what the repository says: for each process, decision and form, the latest
 * version the engine has against the file in {@code processes/} and {@code forms/} the application
 * was built with. A version deployed from Camunda Modeler that was never committed, or a model
 * deployed that the repository does not have, is a difference; each is logged at start-up and when
 * a deployment makes it, and administrators read them at {@code GET /api/deployment/drift}.
 */
@org.springframework.stereotype.Component
public class RepositoryDrift {

  /** One model whose latest deployed version is not the repository's file. */
  public record Difference(String kind, String key, String file, Integer deployedVersion, String deploymentName,
      String deploymentSource, Date deployedAt, String what) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(RepositoryDrift.class);

  private final ProcessEngine engine;

  public RepositoryDrift(ProcessEngine engine) {
    this.engine = engine;
  }

  /**
   * The repository's files by resource name ({@code processes/x.bpmn}), as the application carries
   * them, with each authority's own decisions ({@code authorities/southvale/first-visit.dmn}).
   */
  static Map<String, byte[]> repositoryFiles() {
    Map<String, byte[]> files = new TreeMap<>();
    for (Resource resource : new CaseModelDeployment().caseModelResources()) {
      files.put(CaseModelDeployment.resourceName(resource), read(resource));
    }
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(CaseModelDeployment.AUTHORITY_DECISIONS)) {
        String url = resource.getURL().toString();
        files.put(url.substring(url.lastIndexOf("/authorities/") + 1), read(resource));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static byte[] read(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The ids of a diagram's processes, read as a stream: the model API would build and validate the
   * whole diagram against its schema, the slowest part of the check at each start.
   */
  static List<String> processIds(byte[] diagram) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    List<String> ids = new ArrayList<>();
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new java.io.ByteArrayInputStream(diagram));
      try {
        while (reader.hasNext()) {
          if (reader.next() == XMLStreamConstants.START_ELEMENT && BPMN_MODEL.equals(reader.getNamespaceURI())
              && "process".equals(reader.getLocalName())) {
            ids.add(reader.getAttributeValue(null, "id"));
          }
        }
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Cannot read a diagram of the repository", e);
    }
    return ids;
  }

  private static final String BPMN_MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  /**
   * The latest version of each process, as the engine's query finds them, without the query's
   * fetching of each definition's documentation, which parses every diagram the engine holds (work
   * the first reader of the diagrams does anyway, not one a start need wait for).
   */
  private List<ProcessDefinition> latestProcessDefinitions() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.getProcessDefinitionManager().findProcessDefinitionsByQueryCriteria(
            (ProcessDefinitionQueryImpl) new ProcessDefinitionQueryImpl().latestVersion(), null));
  }

  public List<Difference> differences() {
    RepositoryService repository = engine.getRepositoryService();
    Map<String, byte[]> files = repositoryFiles();
    Map<String, String> fileByProcess = new LinkedHashMap<>();
    Map<String, String> fileByForm = new LinkedHashMap<>();
    files.forEach((name, content) -> {
      if (name.endsWith(".bpmn")) {
        processIds(content).forEach(id -> fileByProcess.put(id, name));
      } else if (name.endsWith(".form")) {
        fileByForm.put(ModelRules.form(content).getKey(), name);
      }
    });
    List<Difference> differences = new ArrayList<>();
    Reads reads = new Reads();
    latestProcessDefinitions()
        .forEach(definition -> compare("process", definition, fileByProcess.remove(definition.getKey()), files, differences,
            reads));
    repository.createDecisionDefinitionQuery().latestVersion().list().forEach(definition -> compare("decision",
        definition, files.containsKey(definition.getResourceName()) ? definition.getResourceName() : null, files,
        differences, reads));
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> {
          fileByForm.forEach((key, file) -> {
            var form = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key);
            if (form != null) {
              compare("form", form, file, files, differences, reads);
            } else {
              differences.add(new Difference("form", key, file, null, null, null, null, "in the repository, not deployed"));
            }
          });
          return null;
        });
    fileByProcess.forEach((key, file) ->
        differences.add(new Difference("process", key, file, null, null, null, null, "in the repository, not deployed")));
    return differences;
  }

  private void compare(String kind, ResourceDefinition definition, String file, Map<String, byte[]> files,
      List<Difference> differences, Reads reads) {
    Deployment deployment = reads.deployments.computeIfAbsent(definition.getDeploymentId(),
        id -> engine.getRepositoryService().createDeploymentQuery().deploymentId(id).singleResult());
    if (file == null) {
      differences.add(difference(kind, definition, null, deployment, "deployed, not in the repository"));
      return;
    }
    byte[] deployed = reads.resources.computeIfAbsent(definition.getDeploymentId(), this::resourcesOf)
        .get(definition.getResourceName());
    if (!Arrays.equals(deployed, files.get(file))) {
      differences.add(difference(kind, definition, file, deployment, "the latest deployed version differs from the"
          + " repository's file"));
    }
  }

  /** Most definitions share a deployment: in one comparison each is read once, with all its resources. */
  private static final class Reads {
    final Map<String, Deployment> deployments = new java.util.HashMap<>();
    final Map<String, Map<String, byte[]>> resources = new java.util.HashMap<>();
  }

  private Map<String, byte[]> resourcesOf(String deploymentId) {
    Map<String, byte[]> byName = new TreeMap<>();
    engine.getRepositoryService().getDeploymentResources(deploymentId)
        .forEach(resource -> byName.put(resource.getName(), ((ResourceEntity) resource).getBytes()));
    return byName;
  }

  private static Difference difference(String kind, ResourceDefinition definition, String file, Deployment deployment,
      String what) {
    return new Difference(kind, definition.getKey(), file, definition.getVersion(),
        deployment == null ? null : deployment.getName(), deployment == null ? null : deployment.getSource(),
        deployment == null ? null : deployment.getDeploymentTime(), what);
  }

  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  public void atStartUp() {
    log();
  }

  /** Logs each difference, so that an operator sees that the diagrams in processes/ no longer say what runs. */
  public void log() {
    List<Difference> differences = differences();
    if (differences.isEmpty()) {
      LOG.info("Case models: the engine runs what processes/ and forms/ hold");
    }
    differences.forEach(difference -> LOG.warn("Case models differ from the repository: {} {} version {} ({}) from"
        + " deployment '{}' (source '{}'): {}", difference.kind(), difference.key(), difference.deployedVersion(),
        difference.file(), difference.deploymentName(), difference.deploymentSource(), difference.what()));
  }

  /**
   * Within a deployment: logs each of its diagrams, decisions and forms that is not the repository's
   * file of the same model, as the deployment is made.
   */
  static void logDeployed(String deploymentName, String source, Map<String, byte[]> resources) {
    Map<String, byte[]> files = repositoryFiles();
    Map<String, byte[]> byFileName = new TreeMap<>();
    files.forEach((name, content) -> byFileName.put(name.substring(name.lastIndexOf('/') + 1), content));
    resources.forEach((name, content) -> {
      // the file of the same resource name (an authority's own is in authorities/), or of the same file name
      byte[] file = files.containsKey(name) ? files.get(name) : byFileName.get(name.substring(name.lastIndexOf('/') + 1));
      if (file == null || !Arrays.equals(file, content)) {
        LOG.warn("Deployment '{}' (source '{}') puts {} on the engine {}: the repository no longer says what runs"
            + " (GET /api/deployment/drift)", deploymentName, source, name,
            file == null ? "which the repository does not have" : "different from the repository's file");
      }
    });
  }
}
