package org.kiezwerk.partner.domain;

import java.util.List;
import java.util.UUID;

/** A new partner looks like one the directory has: a 409 with the candidates, unless the caller insists. */
public class LikelyDuplicateException extends RuntimeException {

    public record Candidate(UUID id, String name, double similarity, Long distanceMetres) {
    }

    private final List<Candidate> candidates;

    public LikelyDuplicateException(List<Candidate> candidates) {
        super(candidates.size() + " partner(s) with a very similar name nearby: update one of them, merge, or send"
                + " ?duplicateCheck=false to register anyway.");
        this.candidates = List.copyOf(candidates);
    }

    public List<Candidate> candidates() {
        return candidates;
    }
}
