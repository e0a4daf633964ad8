package io.calsync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI documents kept in the repository ({@code docs/openapi/<service>.json}) must be what the services
 * serve. Run the test with {@code -Dcalsync.openapi.update=true} to write the served document into the file.
 */
public final class OpenApiDocument {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private OpenApiDocument() {
    }

    /** The committed file of {@code service}, from a module directory of the repository. */
    public static Path committed(String service) {
        return Path.of("").toAbsolutePath().getParent().resolve("docs/openapi/" + service + ".json");
    }

    /** Compares; or, when asked to update, writes. Answers the committed document. */
    public static JsonNode check(String service, String served) {
        Path file = committed(service);
        JsonNode servedTree = JSON.readTree(served);
        try {
            if (Boolean.getBoolean("calsync.openapi.update")) {
                Files.writeString(file, JSON.writeValueAsString(servedTree) + "\n");
            }
            if (!Files.exists(file)) {
                throw new AssertionError(file + " is missing; create it with -Dcalsync.openapi.update=true");
            }
            JsonNode committedTree = JSON.readTree(Files.readString(file));
            if (!committedTree.equals(servedTree)) {
                throw new AssertionError(file + " differs from what " + service + " serves at /v3/api-docs; if the API "
                        + "change is intended, update it with -Dcalsync.openapi.update=true and commit it");
            }
            return committedTree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
