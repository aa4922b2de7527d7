package org.kiezwerk.partner.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a taxonomy by its public code, as the migration seeds it. */
@Converter
public class TaxonomyConverter implements AttributeConverter<Taxonomy, String> {

    @Override
    public String convertToDatabaseColumn(Taxonomy taxonomy) {
        return taxonomy == null ? null : taxonomy.code;
    }

    @Override
    public Taxonomy convertToEntityAttribute(String code) {
        return code == null ? null : Taxonomy.ofCode(code).orElseThrow();
    }
}
