package io.calsync.service.web;

import com.fasterxml.jackson.annotation.Nulls;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * What request bodies may hold, for every endpoint at once: no NUL character in any string (PostgreSQL refuses it)
 * and no {@code null} inside a list or map ({@code "conflicts": [null]}); both fail while reading, naming the field.
 * Applies to the HTTP JSON mapper only: Kafka events are read by the contracts' own strict codec.
 */
class JsonInputRules implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.addModule(new SimpleModule("calsync-json-input-rules")
                        .addDeserializer(String.class, new NulRejectingStringDeserializer()))
                .changeDefaultNullHandling(handling -> handling.withContentNulls(Nulls.FAIL));
    }
}
