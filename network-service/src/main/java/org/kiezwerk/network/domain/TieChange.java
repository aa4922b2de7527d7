package org.kiezwerk.network.domain;

/** What happened to a tie; each change is published on the tie topic. */
public enum TieChange {
    /** Asserted by one side; version 0. */
    ASSERTED,
    /** The other side confirmed it. */
    CONFIRMED,
    /** It was given an end date (it stays as history). */
    ENDED,
    /** It was deleted, or one of its organisations left the directory. */
    REMOVED
}
