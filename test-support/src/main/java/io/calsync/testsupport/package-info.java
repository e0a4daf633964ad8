/**
 * Test fixtures for the real components calsync talks to, shared by every module's tests: one Apache Kafka
 * broker per test JVM (plus a broker in its own OS process for crash tests), one PostgreSQL with a fresh
 * database per test run, and a Radicale CalDAV server with helpers that act on calendars the way a user's phone
 * would. A fixture that cannot start its component fails with a message saying what to install or start.
 */
package io.calsync.testsupport;
