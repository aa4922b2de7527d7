package org.kiezwerk.commons.domain;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Who changes something, as the use cases need to know it: an editor bound to organisations may
 * change only what belongs to those; anyone else who got past the scope check (a coordinator, a
 * system, an admin) is {@link #UNBOUND}. The resources make one from the caller's identity
 * ({@code CallerRules.editor}) and hand it to the use case, which decides.
 */
public record Editor(Set<UUID> organisations) {

    /** A caller not bound to organisations. */
    public static final Editor UNBOUND = new Editor(Set.of());

    public Editor {
        organisations = Set.copyOf(organisations);
    }

    public static Editor of(Collection<UUID> organisations) {
        return new Editor(Set.copyOf(organisations));
    }

    public boolean bound() {
        return !organisations.isEmpty();
    }

    public boolean edits(UUID organisation) {
        return !bound() || organisations.contains(organisation);
    }

    /** Refuses an editor who touches something of an organisation that is not theirs ({@code what}: "the offers"). */
    public void requireMayEdit(Collection<UUID> touched, String what) {
        if (bound() && (touched.isEmpty() || !organisations.containsAll(touched))) {
            throw new NotYourOrganisationException("You may change only " + what + " of the organisations you edit.");
        }
    }

    /** Refuses an editor unless one of {@code sides} is theirs ({@code refusal}: what to tell them). */
    public void requireOneOf(Collection<UUID> sides, String refusal) {
        if (bound() && sides.stream().noneMatch(organisations::contains)) {
            throw new NotYourOrganisationException(refusal);
        }
    }
}
