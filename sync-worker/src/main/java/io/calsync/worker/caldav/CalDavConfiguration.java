package io.calsync.worker.caldav;

import io.calsync.worker.LeaseProperties;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CalDavConfiguration {

    /**
     * The client, with every call counted: {@code calsync.apple.requests} by method and status (0: no answer),
     * {@code calsync.apple.response.bytes} and {@code calsync.apple.request.duration} by method. No URL, account or
     * Apple ID in any tag.
     */
    @Bean(destroyMethod = "close")
    CalDavClient calDavClient(CalDavProperties properties, Clock clock, LeaseProperties worker, MeterRegistry meters) {
        CalDavClient client = new CalDavClient(properties, clock, worker.instanceId());
        client.observeCalls((method, status, bytes, nanos) -> {
            meters.counter("calsync.apple.requests", "method", method, "status", Integer.toString(status)).increment();
            DistributionSummary.builder("calsync.apple.response.bytes").baseUnit("bytes").tag("method", method)
                    .register(meters).record(bytes);
            Timer.builder("calsync.apple.request.duration").tag("method", method).publishPercentileHistogram()
                    .register(meters).record(nanos, TimeUnit.NANOSECONDS);
        });
        return client;
    }
}
