package uk.localgov.reunification.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The project's API answers JSON (contract: HTTP), also to a browser whose Accept header prefers
 * XML: the engine's libraries bring XML converters onto the classpath, and Spring would otherwise
 * answer a browser's request in XML (seen in Chromium on /api/deployment/drift).
 */
@Configuration
public class JsonOnly implements WebMvcConfigurer {

  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    converters.removeIf(converter -> converter.getSupportedMediaTypes().stream()
        .anyMatch(type -> type.getSubtype().equals("xml") || type.getSubtype().endsWith("+xml")));
  }
}
