package org.kiezwerk.partner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the Open Referral (HSDS 3.0) view needs and the directory does not hold per partner. */
@ConfigMapping(prefix = "kiezwerk.hsds")
public interface HsdsConfig {

    /** HSDS requires a state or province on every address: the Bundesland of the city. */
    @WithDefault("Hessen")
    String stateProvince();

    /** ISO 3166-1 alpha-2 country of the addresses. */
    @WithDefault("DE")
    String country();

    /** ISO 4217 currency of costs. */
    @WithDefault("EUR")
    String currency();

    /** The HSDS profile this API follows. */
    @WithDefault("https://docs.openreferral.org/en/latest/hsds/")
    String profile();
}
