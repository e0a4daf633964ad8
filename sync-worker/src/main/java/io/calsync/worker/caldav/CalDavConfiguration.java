package io.calsync.worker.caldav;

import io.calsync.worker.LeaseProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CalDavConfiguration {

    @Bean(destroyMethod = "close")
    CalDavClient calDavClient(CalDavProperties properties, Clock clock, LeaseProperties worker) {
        return new CalDavClient(properties, clock, worker.instanceId());
    }
}
