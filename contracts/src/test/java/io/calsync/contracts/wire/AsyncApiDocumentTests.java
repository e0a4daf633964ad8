package io.calsync.contracts.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.EventType;
import io.calsync.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The AsyncAPI document describes every topic and every event type, and points at schemas that exist. */
class AsyncApiDocumentTests {

    private final JsonNode doc = new YAMLMapper().readTree(GoldenSample.resource("calsync/asyncapi.yaml"));

    @Test
    void isAnAsyncApi3DocumentCoveringEveryTopic() {
        List<String> addresses = new ArrayList<>();
        doc.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));

        assertThat(doc.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(addresses).containsExactlyInAnyOrder(
                Topics.APPOINTMENTS, Topics.BLOCKED_SLOTS, Topics.APPOINTMENT_SYNC, Topics.INTEGRATIONS);
    }

    @Test
    void describesEveryEventTypeOnItsTopicWithItsSchema() {
        for (EventType type : EventType.values()) {
            JsonNode message = findMessage(type.ceType());
            assertThat(message).as(type.ceType()).isNotNull();
            String schemaRef = message.at("/payload/schema/$ref").asString();
            assertThat(schemaRef).isEqualTo("./schemas/" + type.fileStem() + ".schema.json");
            assertThat(GoldenSample.resource("calsync/" + schemaRef.substring(2))).contains(type.ceType());
            assertThat(channelCarrying(message)).as(type.ceType()).isEqualTo(type.topic());
        }
    }

    private JsonNode findMessage(String ceType) {
        for (JsonNode message : doc.at("/components/messages")) {
            if (message.get("name").asString().equals(ceType)) {
                return message;
            }
        }
        return null;
    }

    private String channelCarrying(JsonNode message) {
        String messageName = null;
        for (var entry : doc.at("/components/messages").properties()) {
            if (entry.getValue() == message) {
                messageName = entry.getKey();
            }
        }
        for (JsonNode channel : doc.get("channels")) {
            if (channel.get("messages").has(messageName)) {
                return channel.get("address").asString();
            }
        }
        return null;
    }
}
