package io.calsync.worker.caldav;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An Apple ID and its app-specific password. {@link #toString()} never shows the password. */
public record AppleCredentials(String appleId, String appSpecificPassword) {

    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (appleId + ":" + appSpecificPassword).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AppleCredentials[" + appleId + "]";
    }
}
