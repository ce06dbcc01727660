package uk.localgov.reunification.deployment;

import uk.localgov.reunification.authority.Authorities;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the diagrams, decisions and forms that process owners keep in {@code processes/} and
 * {@code forms/} (carried in the jar under the same names) as one deployment, checked by the model
 * rules like any other ({@link DeploymentRules}). Resource names are
 * stable ({@code processes/planned-return.bpmn}), so a restart with nothing changed deploys nothing
 * new; a change to any file deploys the whole set again.
 */
@Component
public class CaseModelDeployment extends OrderedPlugin {

  public static final String DEPLOYMENT_NAME = "reunification";
  static final List<String> PATTERNS = List.of(
      "classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn", "classpath*:forms/**/*.form");
  /** Each authority's own versions of the local-policy decisions, in {@code authorities/<id>/}. */
  static final String AUTHORITY_DECISIONS = "classpath*:authorities/*/*.dmn";

  private static final Logger LOG = LoggerFactory.getLogger(CaseModelDeployment.class);

  private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
  private final Authorities authorities;

  @org.springframework.beans.factory.annotation.Autowired
  public CaseModelDeployment(Authorities authorities) {
    this.authorities = authorities;
  }

  /** The shared case models alone, as the drift report and the tests list them. */
  CaseModelDeployment() {
    this(null);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    List<Resource> resources = caseModelResources();
    if (resources.isEmpty()) {
      LOG.warn("No diagrams or forms found under processes/ and forms/: nothing deployed");
      return;
    }
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("processes-and-forms")
        .enableDuplicateFiltering(false);
    for (Resource resource : resources) {
      try (InputStream in = resource.getInputStream()) {
        builder.addInputStream(resourceName(resource), in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    }
    Deployment deployment = builder.deploy();
    LOG.info("Case models: deployment {} ({} resources)", deployment.getId(), resources.size());
    if (authorities != null && authorities.shared()) {
      authorities.ids().forEach(authority -> deployAuthorityVersions(engine, authority));
    }
  }

  /**
   * An authority's own versions of the local-policy decisions, from {@code authorities/<id>/}, for
   * its cases only (deployed with its tenant id); unchanged files deploy nothing new.
   */
  private void deployAuthorityVersions(ProcessEngine engine, String authority) {
    List<Resource> decisions;
    try {
      decisions = List.of(resolver.getResources("classpath*:authorities/" + authority + "/*.dmn"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list authorities/" + authority, e);
    }
    if (decisions.isEmpty()) {
      return;
    }
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment().name(DEPLOYMENT_NAME + "-" + authority)
        .source("authorities/" + authority).tenantId(authority).enableDuplicateFiltering(false);
    for (Resource resource : decisions) {
      try (InputStream in = resource.getInputStream()) {
        builder.addInputStream("authorities/" + authority + "/" + resource.getFilename(), in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    }
    Deployment deployment = builder.deploy();
    LOG.info("Local policy of {}: deployment {} ({} decisions)", authority, deployment.getId(), decisions.size());
  }

  List<Resource> caseModelResources() {
    List<Resource> resources = new ArrayList<>();
    for (String pattern : PATTERNS) {
      try {
        resources.addAll(List.of(resolver.getResources(pattern)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + pattern, e);
      }
    }
    resources.sort(Comparator.comparing(CaseModelDeployment::resourceName));
    return resources;
  }

  /** {@code processes/x.bpmn} or {@code forms/x.form}, wherever the file was found. */
  static String resourceName(Resource resource) {
    try {
      String url = resource.getURL().toString();
      int folder = Math.max(url.lastIndexOf("/processes/"), url.lastIndexOf("/forms/"));
      return url.substring(folder + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot name " + resource, e);
    }
  }
}
