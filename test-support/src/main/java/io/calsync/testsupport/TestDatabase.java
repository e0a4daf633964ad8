package io.calsync.testsupport;

/** A database created for this test run on the shared PostgreSQL. */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {
}
