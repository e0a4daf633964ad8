package io.calsync.service.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** Title, the bearer-JWT requirement of every operation, and a relative server so the document is stable. */
    @Bean
    OpenAPI calsyncOpenApi(@Value("${spring.application.name}") String name,
            @Value("${calsync.openapi.description:}") String description) {
        return new OpenAPI()
                .info(new Info().title(name).version("v1").description(description))
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A JWT whose tenant_id claim is the tenant in the path")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
