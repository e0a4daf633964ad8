package io.calsync.service.logging;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Boot's console and file log patterns with the message and the exception passed through logback's
 * {@code %replace}: every control character (C0, DEL, C1 such as the 8-bit CSI), line and paragraph separators
 * and bidirectional overrides become {@code ?}, so a value from a request cannot start a fake log line or recolour a
 * terminal. Stack traces keep their line breaks and tabs. Added as the lowest-priority defaults: a service or an
 * operator that sets {@code logging.pattern.*} itself wins. (OWASP's log-injection advice, applied in one place.)
 */
public class SafeLogPatterns implements EnvironmentPostProcessor {

    static final String UNSAFE = "[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]";
    static final String UNSAFE_IN_STACK = "[" + UNSAFE + "&&[^\\n\\t]]";
    static final String MESSAGE = "%replace(%m){'" + UNSAFE + "', '?'}";
    /** {@code %nopex} stops logback from appending its own, unescaped, exception converter. */
    static final String EXCEPTION = "%replace(%wEx){'" + UNSAFE_IN_STACK + "', '?'}%nopex";

    /** Boot's default layouts, less the parts that need logback variables (Spring would resolve them first). */
    static final String CONSOLE = "%clr(%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}){faint} %clr(%5p) %clr(--- "
            + "%esb(){APPLICATION_NAME}%esb{APPLICATION_GROUP}[%15.15t]){faint} %clr(%-40.40logger{39}){cyan} "
            + "%clr(:){faint} " + MESSAGE + "%n" + EXCEPTION;
    static final String FILE = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p --- %esb(){APPLICATION_NAME}%esb{APPLICATION_GROUP}"
            + "[%t] %-40.40logger{39} : " + MESSAGE + "%n" + EXCEPTION;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("logging.pattern.console", CONSOLE);
        defaults.put("logging.pattern.file", FILE);
        environment.getPropertySources().addLast(new MapPropertySource("calsyncSafeLogPatterns", defaults));
    }
}
