/**
 * Real infrastructure for running calsync without any installed services: an Apache Kafka broker in KRaft mode
 * started from Kafka's own jars (in this JVM or as a separate OS process), and PostgreSQL, either the machine's
 * service on 127.0.0.1:5432 or an embedded real PostgreSQL. Used by the standalone launcher and by the test
 * fixtures; never by the services themselves.
 */
package io.calsync.infra;
