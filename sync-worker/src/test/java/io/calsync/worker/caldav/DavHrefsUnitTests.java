package io.calsync.worker.caldav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** One spelling per resource: the template matches calsync's own resources by href string equality. */
class DavHrefsUnitTests {

    @Test
    void equivalentSpellingsOfOneHrefAreOneString() {
        String canonical = "http://127.0.0.1:8080/user-1%40icloud.test/work/meet%20me~now.ics";
        assertThat(DavHrefs.canonical("http://127.0.0.1:8080/user-1%40icloud.test/work/meet%20me~now.ics")).isEqualTo(canonical);
        assertThat(DavHrefs.canonical("http://127.0.0.1:8080/user-1@icloud.test/work/meet%20me%7enow.ics")).isEqualTo(canonical);
        assertThat(DavHrefs.canonical("HTTP://127.0.0.1:8080/user-1%40icloud.test/work/meet%20me%7Enow.ics")).isEqualTo(canonical);
        assertThat(DavHrefs.canonical(URI.create("http://127.0.0.1:8080/user-1%40icloud.test/cal/")
                .resolve("../work/meet%20me~now.ics#x"))).isEqualTo(canonical);
    }

    @Test
    void icloudsHrefsAreCanonicalAsTheyComeAndTheDefaultPortIsAlwaysWritten() {
        String stored = "https://p62-caldav.icloud.com:443/1234567890/calendars/0A1B2C3D-4E5F/calsync-5d41402a.ics";
        assertThat(DavHrefs.canonical(stored)).isEqualTo(stored);
        assertThat(DavHrefs.canonical("https://P62-CalDAV.iCloud.com/1234567890/calendars/0A1B2C3D-4E5F/calsync-5d41402a.ics"))
                .isEqualTo(stored);
        assertThat(DavHrefs.canonical("http://example.com")).isEqualTo("http://example.com:80/");
    }

    @Test
    void nonAsciiAndReservedCharactersAreEncodedOnceInUpperCase() {
        assertThat(DavHrefs.canonical(URI.create("https://h:443/k%c3%a4se/caf\u00e9+tea.ics")))
                .isEqualTo("https://h:443/k%C3%A4se/caf%C3%A9%2Btea.ics");
        // an encoded slash stays inside its segment
        assertThat(DavHrefs.canonical("https://h:443/a%2fb/c.ics")).isEqualTo("https://h:443/a%2Fb/c.ics");
        assertThat(DavHrefs.path("https://h:443/a%2Fb/c%40d.ics")).isEqualTo("/a%2Fb/c%40d.ics");
    }

    @Test
    void relativeOrOpaqueUrisHaveNoCanonicalSpelling() {
        assertThatThrownBy(() -> DavHrefs.canonical("/user/cal/x.ics")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DavHrefs.canonical("mailto:jane@icloud.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTzidOfACalendarTimezoneIsReadFromUnfoldedLines() {
        assertThat(CalDavClient.tzidOf("BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:America/\r\n New_York\r\nEND:VTIMEZONE\r\n"))
                .contains("America/New_York");
        assertThat(CalDavClient.tzidOf("BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID;X-LIC:Europe/Berlin\nEND:VTIMEZONE\n"))
                .contains("Europe/Berlin");
        assertThat(CalDavClient.tzidOf("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")).isEmpty();
    }
}
