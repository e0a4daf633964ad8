package io.calsync.worker.ical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnParticipationUnitTests {

    private final OwnParticipation me = OwnParticipation.of(List.of("mailto:Jane@iCloud.com", "jane.doe@example.com",
            "urn:uuid:10000000-0000-0000-0000-000000000001"));

    @Test
    void mailtoAddressesMatchCaseInsensitivelyWithOrWithoutTheScheme() {
        assertThat(me.partStat(Map.of("MAILTO:jane@icloud.COM", "DECLINED"))).isEqualTo(PartStat.DECLINED);
        assertThat(me.partStat(Map.of("mailto:Jane.Doe@Example.com", "TENTATIVE"))).isEqualTo(PartStat.TENTATIVE);
        assertThat(me.partStat(Map.of("URN:UUID:10000000-0000-0000-0000-000000000001", "ACCEPTED")))
                .isEqualTo(PartStat.ACCEPTED);
    }

    @Test
    void anOwnEntryWithoutPartstatOrWithAnUnknownOneNeedsAction() {
        Map<String, String> attendees = new LinkedHashMap<>();
        attendees.put("mailto:jane@icloud.com", null);
        assertThat(me.partStat(attendees)).isEqualTo(PartStat.NEEDS_ACTION);
        assertThat(me.partStat(Map.of("mailto:jane@icloud.com", "X-THINKING"))).isEqualTo(PartStat.NEEDS_ACTION);
    }

    @Test
    void othersAnswersAreNotOurs() {
        assertThat(me.partStat(Map.of("mailto:boss@example.com", "DECLINED"))).isEqualTo(PartStat.NOT_INVITED);
        assertThat(OwnParticipation.none().partStat(Map.of("mailto:jane@icloud.com", "DECLINED")))
                .isEqualTo(PartStat.NOT_INVITED);
    }
}
