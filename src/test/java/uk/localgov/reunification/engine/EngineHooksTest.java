package uk.localgov.reunification.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.ClassUtils;
import uk.localgov.reunification.ApplicationTest;

/**
 * The engine hooks are one list ({@link EngineHooks}) and the engine runs them in its order; the
 * newcomer's picture of them, {@code docs/architecture.md}, names each in that order.
 */
@ApplicationTest
class EngineHooksTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  CommandGuards commandGuards;

  @Test
  void theEngineAppliesTheApplicationsPluginsInTheListedOrder() {
    List<Class<?>> applied = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getProcessEnginePlugins().stream()
        // Camunda's starter hands the Spring beans to the engine as one composite, in their order
        .flatMap(plugin -> plugin instanceof CompositeProcessEnginePlugin composite ? composite.getPlugins().stream()
            : java.util.stream.Stream.of(plugin))
        .<Class<?>>map(plugin -> ClassUtils.getUserClass(plugin.getClass()))
        .filter(type -> type.getName().startsWith("uk.localgov.reunification")).toList();

    // some are for one profile or setting only (the administrator outside the demo, mail when it is on)
    List<Class<?>> listed = EngineHooks.PLUGINS.stream().<Class<?>>map(EngineHooks.Plugin::type).toList();
    assertThat(listed).as("every plugin of the application is listed").containsAll(applied);
    assertThat(applied).as("in EngineHooks' order")
        .containsExactlyElementsOf(listed.stream().filter(applied::contains).toList());
    assertThat(applied.get(0)).as("the start-up lock before anything touches the database")
        .isEqualTo(uk.localgov.reunification.deployment.StartupLock.class);
  }

  @Test
  void theGuardsRunInTheListedOrder() throws ReflectiveOperationException {
    var field = CommandGuards.class.getDeclaredField("guards");
    field.setAccessible(true);
    List<?> guards = (List<?>) field.get(commandGuards);

    List<Class<?>> running = guards.stream().<Class<?>>map(guard -> ClassUtils.getUserClass(guard.getClass())).toList();
    assertThat(running)
        .containsExactlyElementsOf(EngineHooks.GUARDS.stream().map(EngineHooks.Hook::type).toList());
  }

  @Test
  void theArchitecturePageNamesEveryHookInItsOrder() throws IOException {
    String page = Files.readString(Path.of("docs", "architecture.md"));
    int at = 0;
    for (Class<?> hook : java.util.stream.Stream.concat(EngineHooks.PLUGINS.stream().map(EngineHooks.Plugin::type),
        java.util.stream.Stream.concat(EngineHooks.GUARDS.stream().map(EngineHooks.Hook::type),
            EngineHooks.OBSERVERS.stream().map(EngineHooks.Hook::type))).toList()) {
      int found = page.indexOf("`" + hook.getSimpleName() + "`", at);
      assertThat(found).as(hook.getSimpleName() + " in docs/architecture.md, after the hooks before it").isGreaterThan(at);
      at = found;
    }
  }
}
