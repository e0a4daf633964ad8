package io.calsync.worker.caldav;

import java.util.regex.Pattern;

/**
 * Values from a server's answer that calsync stores and shows, bounded: the answer is untrusted input, and what is
 * kept of it ends up in the database, in the API's answers and in logs.
 */
final class StoredValues {

    /** RFC 6578 sync tokens and getctags are short opaque strings (iCloud's are under 100 characters). */
    static final int MAX_TOKEN_LENGTH = 1024;
    /** Hrefs of real calendars are short; a longer one is not a calendar calsync could use. */
    static final int MAX_HREF_LENGTH = 2048;
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private StoredValues() {
    }

    /** Without control characters, and cut to {@code max} characters (never inside a surrogate pair). */
    static String displayName(String name, int max) {
        if (name == null) {
            return null;
        }
        String printable = CONTROL.matcher(name).replaceAll(" ").trim();
        if (printable.length() <= max) {
            return printable;
        }
        int end = Character.isHighSurrogate(printable.charAt(max - 1)) ? max - 1 : max;
        return printable.substring(0, end);
    }

    /** Apple's {@code #RRGGBBAA} or a plain {@code #RRGGBB}; anything else is dropped. */
    static String color(String color) {
        return color != null && COLOR.matcher(color).matches() ? color : null;
    }

    /** A getctag or sync-token; one too long to be real is dropped (calsync then compares ETags instead). */
    static String token(String token) {
        return token != null && token.length() <= MAX_TOKEN_LENGTH ? token : null;
    }
}
