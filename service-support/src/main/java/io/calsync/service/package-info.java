/**
 * What both calsync services share, wired by {@link io.calsync.service.CalsyncServiceAutoConfiguration}: the
 * Kafka plumbing ({@code kafka}), HTTP error handling and limits ({@code web}) and the injectable clock.
 */
package io.calsync.service;
