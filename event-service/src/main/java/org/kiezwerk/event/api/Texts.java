package org.kiezwerk.event.api;

/** The text rules every request body shares. */
final class Texts {

    /** No control characters (NUL bytes included): PostgreSQL would refuse them, and no name needs them. */
    static final String PLAIN = "[^\\p{Cntrl}]*";
    static final String PLAIN_MESSAGE = "must not contain control characters";
    /** Longer texts may have line breaks and tabs, but nothing else from the control range. */
    // one character class, not an alternation: the regex engine recursed per character and a
    // megabyte of text overflowed the stack (a 500)
    static final String MULTILINE = "[\\P{Cntrl}\\t\\n\\r]*";
    /** Codes of neighbourhoods and taxonomy terms: stable, readable, URL-safe. */
    static final String CODE = "[a-z0-9][a-z0-9_-]{0,79}";
    static final String CODE_MESSAGE = "must be a code: lower-case letters, digits, - and _ (at most 80)";
    static final String LANGUAGE = "[a-z]{2,3}";
    static final String LANGUAGE_MESSAGE = "must be an ISO 639 language code such as de or tr";

    private Texts() {
    }
}
