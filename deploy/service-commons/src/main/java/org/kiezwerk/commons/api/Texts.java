package org.kiezwerk.commons.api;

/** The text rules every request body shares. */
public final class Texts {

    /** No control characters (NUL bytes included): PostgreSQL would refuse them, and no name needs them. */
    public static final String PLAIN = "[^\\p{Cntrl}]*";
    public static final String PLAIN_MESSAGE = "must not contain control characters";
    /** Longer texts may have line breaks and tabs, but nothing else from the control range. */
    // one character class, not an alternation: the regex engine recursed per character and a
    // megabyte of text overflowed the stack (a 500)
    public static final String MULTILINE = "[\\P{Cntrl}\\t\\n\\r]*";
    /** Codes of neighbourhoods and taxonomy terms: stable, readable, URL-safe. */
    public static final String CODE = "[a-z0-9][a-z0-9_-]{0,79}";
    public static final String CODE_MESSAGE = "must be a code: lower-case letters, digits, - and _ (at most 80)";
    public static final String LANGUAGE = "[a-z]{2,3}";
    public static final String LANGUAGE_MESSAGE = "must be an ISO 639 language code such as de or tr";

    private Texts() {
    }
}
