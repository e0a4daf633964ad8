package io.calsync.worker.caldav;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One spelling for every href of a resource, so that hrefs from different answers (a PUT's URL built by calsync, a
 * sync-collection, a PROPFIND listing, a multiget) can be compared as strings. Equivalent spellings of a WebDAV href
 * (RFC 3986 section 6.2) map to the same string:
 * <ul>
 *   <li>absolute: resolved against the request URL, {@code scheme://host:port/path}; scheme and host in lower case,
 *       the port always written (iCloud's partition hosts come with {@code :443}, so calsync's stored hrefs keep it);
 *   <li>each path segment percent-decoded and encoded again, every octet but the unreserved characters
 *       ({@code A-Z a-z 0-9 - . _ ~}) as {@code %XX} in upper case, UTF-8 for non-ASCII: {@code @} and {@code %40}
 *       both become {@code %40}, {@code %7e} becomes {@code ~}, {@code %c3%a9} and {@code é} become {@code %C3%A9}. This is what Radicale (Python's
 *       {@code quote}) and sabre/dav ({@code rawurlencode}) write, and iCloud's hrefs (numbers, GUIDs, {@code .ics})
 *       need no encoding, so the hrefs servers send are mostly canonical already;
 *   <li>no user info, no fragment; a query is kept as written.
 * </ul>
 */
public final class DavHrefs {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private DavHrefs() {
    }

    /** The canonical spelling of an absolute http(s) URI. */
    public static String canonical(URI uri) {
        if (uri.isOpaque() || uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute hierarchical URI: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        StringBuilder href = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT))
                .append(':').append(port);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                href.append('/');
            }
            encodeSegment(decode(segments[i]), href);
        }
        if (uri.getRawQuery() != null) {
            href.append('?').append(uri.getRawQuery());
        }
        return href.toString();
    }

    /** The canonical spelling of an absolute URI given as text (e.g. an href calsync stored earlier). */
    public static String canonical(String absoluteUri) {
        return canonical(URI.create(absoluteUri));
    }

    /** The path of a canonical href, as it goes into a request body (a multiget's {@code <D:href>}). */
    static String path(String canonicalHref) {
        return URI.create(canonicalHref).getRawPath();
    }

    /** The octets a raw segment stands for: {@code %XX} decoded, every other character as UTF-8. */
    private static byte[] decode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()
                    && Character.digit(segment.charAt(i + 1), 16) >= 0 && Character.digit(segment.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(segment.charAt(i + 1), 16) * 16 + Character.digit(segment.charAt(i + 2), 16));
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < segment.length() ? i + 2 : i + 1;
                bytes.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toByteArray();
    }

    private static void encodeSegment(byte[] octets, StringBuilder out) {
        for (byte b : octets) {
            int c = b & 0xFF;
            if (c < 0x80 && isUnreserved((char) c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
