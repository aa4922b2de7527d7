package org.kiezwerk.partner.service;

/** A taxonomy term's new state. */
public record TermChange(String code, String nameDe, String nameEn, String description, Integer ageMin, Integer ageMax) {
}
