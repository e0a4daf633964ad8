package io.calsync.testsupport;

/** A generated CalDAV account on the test Radicale. {@link #toString()} never shows the password. */
public record CalDavUser(String username, String password) {

    @Override
    public String toString() {
        return "CalDavUser[" + username + "]";
    }
}
