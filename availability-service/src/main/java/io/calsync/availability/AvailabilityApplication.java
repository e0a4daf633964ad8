package io.calsync.availability;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AvailabilityApplication {

    /**
     * The service reads {@code availability-service.yml}, not {@code application.yml}: both services can then share one classpath
     * (the standalone launcher runs them in one JVM).
     */
    public static final String CONFIG_NAME = "availability-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(AvailabilityApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
