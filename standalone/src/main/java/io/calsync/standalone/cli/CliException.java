package io.calsync.standalone.cli;

/** A failure the user can act on: printed as one line, exit code 1. Its message never holds a secret. */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }
}
