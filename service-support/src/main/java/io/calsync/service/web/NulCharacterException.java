package io.calsync.service.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string held U+0000: PostgreSQL cannot store it in text, so it is refused while the body is read. */
final class NulCharacterException extends MismatchedInputException {

    NulCharacterException(JsonParser parser) {
        super(parser, "a string must not contain the NUL character (U+0000)", String.class);
    }
}
