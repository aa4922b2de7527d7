package org.kiezwerk.network.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "kiezwerk.graph")
public interface GraphConfig {

    /** The Neo4j database that holds the actor graph. */
    String database();

    /** Apply the graph migrations (constraints, indexes) when the service starts. */
    boolean migrateAtStart();

    /** While Neo4j is unreachable, the projections log an error this often and keep waiting (nothing is dead-lettered). */
    @WithDefault("2m")
    Duration outageRetry();

    /**
     * Base64 of 32 random bytes: seals the names of persons whose consent keeps them from the public
     * (the analyst endpoint can then only show pseudonyms). The local run makes one under var/secrets.
     */
    String personNameKey();

    /** Up to this many organisations, betweenness is exact; beyond, it is estimated from sampled sources. */
    @WithDefault("2000")
    int exactBetweennessLimit();

    /** How many sources the estimate samples (the error shrinks with the square root). */
    @WithDefault("200")
    int betweennessSamples();

    /**
     * How often the city-wide analysis that anonymous readers (the directory's network map) ask for
     * is made ready in the background: it is computed once the graph has stayed unchanged for one
     * such interval after a change. {@code off} turns it off.
     */
    @WithDefault("30s")
    String analysisWarmUp();

    /**
     * How often the in-memory copy of the city's ties (CityGraph) is checked against the graph's
     * fingerprint, to catch changes that did not pass through this service (another replica's): the
     * longest such a change can go unseen by the ego network, the paths and the city-wide analyses.
     */
    @WithDefault("5s")
    String copyCheck();

    /**
     * How many network exports may be written at once. Each holds its network (a city of 20,000 organisations and
     * 100,000 ties: some 5–20 MB) while its answer streams to the caller, however slowly the caller reads; beyond
     * this, an export is answered 503 with Retry-After rather than risk the heap the other questions need.
     */
    @WithDefault("2")
    int concurrentExports();

    /**
     * Up to this many organisations and ties together (about 2 MB of JSON) an ego network is answered whole; a larger
     * one (three ties out from a hub reach much of the city) is written as it goes and takes an export's place.
     */
    @WithDefault("10000")
    int wholeAnswerElements();
}
