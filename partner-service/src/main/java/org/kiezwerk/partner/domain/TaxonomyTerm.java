package org.kiezwerk.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A target group or an offer category, named in German and English. */
@Entity
@Table(name = "taxonomy_term")
public class TaxonomyTerm extends Versioned {

    @Id
    public UUID id;

    @Convert(converter = TaxonomyConverter.class)
    @Column(nullable = false, length = 40)
    public Taxonomy taxonomy;

    @Column(nullable = false, length = 80)
    public String code;

    @Column(name = "name_de", nullable = false, length = 200)
    public String nameDe;

    @Column(name = "name_en", nullable = false, length = 200)
    public String nameEn;

    public String description;

    /** For groups defined by age (toddlers 1–3, adults 30–60): what "serves someone aged N" uses. */
    @Column(name = "age_min")
    public Integer ageMin;

    @Column(name = "age_max")
    public Integer ageMax;
}
