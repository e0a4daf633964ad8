package io.calsync.service.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/** Jackson's own string reading, refusing U+0000 in any string of a request body (Jackson adds the field path). */
final class NulRejectingStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new NulCharacterException(parser);
        }
        return value;
    }
}
