package org.kiezwerk.network.domain;

import java.util.Set;

/** The kinds of ties between organisations. */
public final class TieKinds {

    /** Tie kinds an ego network can be limited to: co-production, or a kind of cooperation. */
    public static final Set<String> ALL = Set.of("co_production", "partnership", "referral",
            "shared_premises", "joint_project", "umbrella_membership", "funding");

    private TieKinds() {
    }
}
