/**
 * Who may call the APIs: every endpoint but health needs a bearer JWT (Spring Security's OAuth2 resource server)
 * that expires, comes from the configured issuer (when one is) and names a tenant; the token's tenant must match
 * the tenant in the path (another tenant's token sees nothing: 404, as if the data did not exist). The actuator
 * endpoints beyond health need the operator scope. 401 and 403 are problems whose challenge repeats nothing of the
 * request.
 */
package io.calsync.service.security;
