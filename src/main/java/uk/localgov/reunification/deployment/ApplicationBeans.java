package uk.localgov.reunification.deployment;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * The names of the application's own beans ({@code @Component}, {@code @Service} and the like under
 * {@code uk.localgov.reunification}), the only names a diagram's expressions may call. Read from the
 * classes themselves, so the model tests and the engine's deployment check agree without a running
 * context.
 */
public final class ApplicationBeans {

  static final String PACKAGE = "uk.localgov.reunification";
  private static volatile Set<String> names;

  private ApplicationBeans() {
  }

  public static Set<String> names() {
    if (names == null) {
      ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
      scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
      AnnotationBeanNameGenerator naming = AnnotationBeanNameGenerator.INSTANCE;
      SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
      Set<String> found = new TreeSet<>();
      scanner.findCandidateComponents(PACKAGE).forEach(bean -> found.add(naming.generateBeanName(bean, registry)));
      names = Set.copyOf(found);
    }
    return names;
  }
}
