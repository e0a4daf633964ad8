package io.calsync.service.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The shared rules for what requests may hold, and the problems every error becomes. */
@Configuration(proxyBeanMethods = false)
@Import({ProblemDetails.class, UnexpectedErrors.class, NoInstanceEcho.class, ProblemErrorController.class,
        BodySizeLimit.class})
public class WebInputConfiguration {

    @Bean
    JsonMapperBuilderCustomizer calsyncJsonInputRules() {
        return new JsonInputRules();
    }

    @Bean
    RequestRejectedHandler calsyncRequestRejectedHandler() {
        return new RejectedRequests();
    }

    /** Tomcat's own error answers as problems too; runs after Spring Boot's customizer, whose HTML valve it precedes. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> calsyncTomcatProblemReports() {
        return factory -> factory.addContextCustomizers(context ->
                context.getParent().getPipeline().addValve(new TomcatProblemReports()));
    }

    /** First of all interceptors: the tenant check after it may then trust the identifiers' form. */
    @Bean
    WebMvcConfigurer calsyncIdentifierGuard() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new IdentifierGuard()).order(Ordered.HIGHEST_PRECEDENCE);
            }
        };
    }
}
