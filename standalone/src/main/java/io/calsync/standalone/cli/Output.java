package io.calsync.standalone.cli;

import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/** What a command prints: the JSON as the API answered it ({@code --json}), or lines for a person. */
final class Output {

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void json(JsonNode node) {
        out.println(Api.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
        out.flush();
    }

    void line(String format, Object... args) {
        out.println(args.length == 0 ? format : String.format(java.util.Locale.ROOT, format, args));
        out.flush();
    }

    /** Progress for anything that takes more than a second; never with {@code --json} (standard output stays JSON). */
    void progress(PrintWriter err, String what) {
        err.println("calsync: " + what + "...");
        err.flush();
    }
}
