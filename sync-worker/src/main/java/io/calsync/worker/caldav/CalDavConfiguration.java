package io.calsync.worker.caldav;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CalDavConfiguration {

    @Bean(destroyMethod = "close")
    CalDavClient calDavClient(CalDavProperties properties, Clock clock) {
        return new CalDavClient(properties, clock);
    }
}
