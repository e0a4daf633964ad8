package io.calsync.availability.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.calsync.availability.domain.InvalidFieldException;
import io.calsync.availability.schedule.ScheduleDocument.Hours;
import io.calsync.availability.schedule.ScheduleDocument.Override;
import io.calsync.availability.schedule.ScheduleDocument.Weekly;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleDocumentUnitTests {

    private static Weekly mondays(List<Hours> hours) {
        return new Weekly(hours, null, null, null, null, null, null);
    }

    @Test
    void aDocumentBecomesASchedule_andComesBackSorted() {
        ScheduleDocument sent = new ScheduleDocument("Australia/Sydney",
                mondays(List.of(new Hours("13:00", "24:00"), new Hours("08:00", "12:00"))),
                List.of(new Override("2026-12-25", List.of()), new Override("2026-12-24", List.of(new Hours("09:00", "12:00")))));

        ScheduleDocument stored = ScheduleDocument.of(sent.toSchedule());

        assertThat(stored.weekly().monday()).containsExactly(new Hours("08:00", "12:00"), new Hours("13:00", "24:00"));
        assertThat(stored.weekly().tuesday()).isEmpty();
        assertThat(stored.overrides()).containsExactly(new Override("2026-12-24", List.of(new Hours("09:00", "12:00"))),
                new Override("2026-12-25", List.of()));
        assertThat(stored.toSchedule()).isEqualTo(sent.toSchedule());
    }

    @Test
    void errorsNameTheFieldAndNeverTheValue() {
        assertField(new ScheduleDocument("UTC", null, List.of(new Override("2026-12-24", List.of()),
                new Override("2026-12-24", List.of()))), "overrides[1].date");
        assertField(new ScheduleDocument("UTC", null, List.of(new Override("1899-12-31", List.of()))), "overrides[0].date");
        assertField(new ScheduleDocument("UTC", null, List.of(new Override("2026-12-24", null))), "overrides[0].hours");
        assertField(new ScheduleDocument("UTC", mondays(Collections.nCopies(13, new Hours("09:00", "10:00"))), null),
                "weekly.monday");
        assertField(new ScheduleDocument(null, null, null), "timeZone");
    }

    private static void assertField(ScheduleDocument document, String field) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, document::toSchedule);
        assertThat(e).as(document.toString()).isNotNull();
        assertThat(e.field()).isEqualTo(field);
    }
}
