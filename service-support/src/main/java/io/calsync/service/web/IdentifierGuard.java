package io.calsync.service.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The platform's identifiers in paths ({@code tenantId}, {@code userId}) are 1 to 128 characters of
 * {@code A-Z a-z 0-9 . _ : @ + -}; anything else is a 400 naming the variable, before a controller, a log line or
 * the database sees it. This also keeps control characters and NUL out of logs and out of PostgreSQL.
 */
public class IdentifierGuard implements HandlerInterceptor {

    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:@+-]{1,128}");
    static final List<String> VARIABLES = List.of("tenantId", "userId");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables == null) {
            return true;
        }
        for (String name : VARIABLES) {
            String value = variables.get(name);
            if (value != null && !IDENTIFIER.matcher(value).matches()) {
                throw ApiException.invalid("'" + name + "' must be 1 to 128 characters of A-Z, a-z, 0-9 and . _ : @ + -");
            }
        }
        return true;
    }
}
