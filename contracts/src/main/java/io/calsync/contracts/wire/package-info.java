/**
 * The wire format of calsync events: CloudEvents 1.0 in Kafka binary mode ({@code ce_*} headers, JSON value),
 * built on the CloudEvents SDK. Reading is strict and every rejection names the offending field or header.
 */
package io.calsync.contracts.wire;
