/**
 * HTTP plumbing shared by the APIs of both services: errors as RFC 9457 problem details and a cap on request body
 * size. The endpoints themselves live with their features.
 */
package io.calsync.service.web;
