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

    /**
     * How many {@code format=ndjson} answers (every match, without paging) are written at once. Each holds a database
     * connection and one snapshot while it streams to the caller, however slowly the caller reads; beyond this an
     * answer is 503 with Retry-After, so that they cannot take the pool (16 connections) from everyone else.
     */
    @WithDefault("2")
    int concurrentExports();
}
