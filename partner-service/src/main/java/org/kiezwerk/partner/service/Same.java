package org.kiezwerk.partner.service;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.kiezwerk.partner.domain.Address;

/** Value comparisons for telling a PUT that changes nothing (absent lists count as empty). */
final class Same {

    private Same() {
    }

    static boolean list(List<?> wanted, List<?> stored) {
        return (wanted == null ? List.of() : wanted).equals(stored == null ? List.of() : stored);
    }

    /** Order does not matter: a partner's neighbourhoods and an offer's target groups are sets. */
    static boolean set(List<String> wanted, List<String> stored) {
        return new HashSet<>(wanted == null ? List.of() : wanted).equals(new HashSet<>(stored));
    }

    static boolean addresses(List<Address> wanted, List<Address> stored) {
        List<Address> a = wanted == null ? List.of() : wanted;
        List<Address> b = stored == null ? List.of() : stored;
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Address x = a.get(i);
            Address y = b.get(i);
            if (!Objects.equals(x.street, y.street) || !Objects.equals(x.postcode, y.postcode) || !Objects.equals(x.city, y.city)
                    || !Objects.equals(x.lat, y.lat) || !Objects.equals(x.lon, y.lon)) {
                return false;
            }
        }
        return true;
    }
}
