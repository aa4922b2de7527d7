package org.kiezwerk.partner.service;

/** The outcome of a PUT: the record, and whether it was created (201) or replaced (200). */
public record Saved<T>(T value, boolean created) {
}
