package io.calsync.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SyncWorkerApplication {

    /**
     * The service reads {@code sync-worker.yml}, not {@code application.yml}: both services can then share one classpath
     * (the standalone launcher runs them in one JVM).
     */
    public static final String CONFIG_NAME = "sync-worker";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(SyncWorkerApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
