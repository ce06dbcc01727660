package uk.localgov.reunification.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.core.Ordered;

/** An engine plugin of the application's, applied in its place in {@link EngineHooks#PLUGINS}. */
public abstract class OrderedPlugin extends AbstractProcessEnginePlugin implements Ordered {

  @Override
  public int getOrder() {
    return EngineHooks.orderOf(getClass());
  }
}
