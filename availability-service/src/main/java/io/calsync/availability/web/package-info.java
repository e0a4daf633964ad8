/**
 * The availability REST API under {@code /v1/tenants/{tenantId}/...}: thin controllers that read the request into
 * the domain's types ({@link io.calsync.availability.web.Params}) and return the answers of
 * {@link io.calsync.availability.answers.AvailabilityAnswers}; domain refusals become 400 problems naming the field,
 * a request the tenant's stale policy refuses a 503.
 */
package io.calsync.availability.web;
