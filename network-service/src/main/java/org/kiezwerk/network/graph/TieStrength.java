package org.kiezwerk.network.graph;

/**
 * How strong a tie counts, written once for every statement that weighs ties (the analyses, the ego
 * network, the introduction paths), so that they cannot disagree (docs/analysts.md). A statement
 * names the rule by a placeholder and is passed through {@link #in}.
 */
final class TieStrength {

    /** A cooperation, {@code COOPERATES} bound to {@code c}: strength 1–5 as 0.2–1, half while the other side has not confirmed it. */
    static final String COOPERATION = "c.strength / 5.0 * CASE WHEN c.confirmed THEN 1.0 ELSE 0.5 END";

    /** An acquaintance between persons, {@code KNOWS} bound to {@code k}: strength 1–5 as 0.2–1. */
    static final String ACQUAINTANCE = "k.strength / 5.0";

    private TieStrength() {
    }

    /** The statement with {@code {cooperation}} and {@code {acquaintance}} replaced by the rules. */
    static String in(String cypher) {
        return cypher.replace("{cooperation}", COOPERATION).replace("{acquaintance}", ACQUAINTANCE);
    }
}
