package io.calsync.worker.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    /** Refuses to start without a key: see {@link CredentialVault#HOW_TO_MAKE_A_KEY}. */
    @Bean
    CredentialVault credentialVault(VaultProperties properties) {
        return new CredentialVault(properties);
    }
}
