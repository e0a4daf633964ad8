/**
 * Who may call the APIs: every endpoint but health needs a bearer JWT (Spring Security's OAuth2 resource
 * server), and the token's tenant claim must match the tenant in the path. A token of another tenant sees
 * nothing: 404, as if the data did not exist.
 */
package io.calsync.service.security;
