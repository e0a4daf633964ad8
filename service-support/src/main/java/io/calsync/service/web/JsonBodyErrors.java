package io.calsync.service.web;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what is wrong with a request body in calsync's words: the field path and the line and column, never the
 * parser's message (it names Java types and quotes the body) and never the body's content.
 */
final class JsonBodyErrors {

    /** Names along a path are the endpoint's own; one that is not plain is shown as {@code ?} all the same. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$-]{1,64}");

    private JsonBodyErrors() {
    }

    static String describe(HttpMessageNotReadableException e) {
        JacksonException json = jacksonCause(e);
        if (json == null) {
            return "the request body is missing or is not readable as JSON";
        }
        List<JacksonException.Reference> references = json.getPath();
        if (json instanceof UnrecognizedPropertyException) {
            // the unknown name is the caller's text: say where it is, not what it is
            String parent = path(references.subList(0, Math.max(0, references.size() - 1)));
            return parent.isEmpty() ? "the request body has a field this endpoint does not know"
                    : "'" + parent + "' has a field this endpoint does not know";
        }
        String field = path(references);
        if (json instanceof NulCharacterException) {
            return "'" + field + "' must not contain the NUL character (U+0000)";
        }
        if (json instanceof InvalidNullException) {
            return "'" + field + "' must not be null";
        }
        if (json instanceof MismatchedInputException) {
            return field.isEmpty() ? "the request body must be a JSON object of the documented form"
                    : "'" + field + "' has the wrong type or form";
        }
        return "the request body is not valid JSON" + at(json.getLocation());
    }

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    private static String path(List<JacksonException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            String name = reference.getPropertyName();
            if (name != null) {
                text.append(text.isEmpty() ? "" : ".").append(PLAIN_NAME.matcher(name).matches() ? name : "?");
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
