/**
 * HTTP plumbing shared by the APIs of both services: every error as an RFC 9457 problem detail (Spring MVC's
 * exceptions, the firewall's rejections, the servlet error page, Tomcat's own error answers, unexpected exceptions
 * with a logged error id), details that never repeat the request or name Java types, the rules for request input
 * (no NUL in JSON strings, no nulls in lists, safe path identifiers) and a cap on request body size. The endpoints
 * themselves live with their features.
 */
package io.calsync.service.web;
