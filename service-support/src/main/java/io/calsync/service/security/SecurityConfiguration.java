package io.calsync.service.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    /**
     * Health and the error page stay open for orchestrators and load balancers; the other actuator endpoints
     * (metrics span every tenant) need the operator scope; everything else needs a valid bearer JWT.
     */
    @Bean
    SecurityFilterChain calsyncSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").hasAuthority(properties.operatorAuthority())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // no cookies, no sessions: bearer tokens only
                .build();
    }

    /** Wraps the decoder Spring Boot builds from the configured keys, adding calsync's {@link TokenRules}. */
    @Bean
    static BeanPostProcessor calsyncTokenRules(ObjectProvider<SecurityProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof ValidatingJwtDecoder)
                        ? new ValidatingJwtDecoder(decoder, TokenRules.of(properties.getObject())) : bean;
            }
        };
    }

    @Bean
    WebMvcConfigurer tenantGuard(SecurityProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new TenantGuard(properties.tenantClaim())).addPathPatterns("/v1/tenants/**");
            }
        };
    }
}
