package org.kiezwerk.partner.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Folds search text the way the database function {@code kiezwerk_fold} does (lower case, German
 * umlauts and ß spelled out, other accents removed), and turns a user's words into a full-text
 * query that also matches word beginnings: German compounds ("Fußball" in "Fußballverein").
 */
public final class SearchText {

    public static String fold(String text) {
        String spelled = text.toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss").replace("ẞ", "ss");
        return Normalizer.normalize(spelled, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /**
     * A to_tsquery text: every word of the folded input as a prefix, all required, e.g.
     * {@code fussball:* & verein:*}. Only letters and digits survive, so the result is always a
     * valid query; null if no word is left.
     */
    public static String prefixQuery(String text) {
        String query = Arrays.stream(fold(text).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .limit(10)
                .map(word -> word + ":*")
                .collect(Collectors.joining(" & "));
        return query.isEmpty() ? null : query;
    }

    private SearchText() {
    }
}
