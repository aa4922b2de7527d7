package org.kiezwerk.partner.api.hsds;

import java.util.Locale;
import org.kiezwerk.partner.domain.OpeningSchedule;

/** Names the export and the import agree on. */
public final class HsdsNames {

    private HsdsNames() {
    }

    /** A language's HSDS name: the English name of its ISO 639 code ("ur": "Urdu"); null if Java knows none. */
    public static String language(String code) {
        if (code == null) {
            return null;
        }
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(code) ? null : name;
    }

    /** Under which key an offer keeps the HSDS id of its schedule at this position with this content. */
    public static String scheduleKey(int position, OpeningSchedule schedule) {
        return "schedule:" + position + ":" + schedule;
    }
}
