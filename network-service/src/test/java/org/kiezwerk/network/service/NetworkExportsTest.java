package org.kiezwerk.network.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.kiezwerk.network.config.GraphConfig;
import org.kiezwerk.network.domain.ExportsBusyException;

/** Fast: at most {@code concurrent-exports} exports are written at once; a place is given back once, however often closed. */
class NetworkExportsTest {

    private static NetworkExports allowing(int exports) {
        NetworkExports service = new NetworkExports();
        service.config = (GraphConfig) Proxy.newProxyInstance(GraphConfig.class.getClassLoader(), new Class<?>[] {GraphConfig.class},
                (proxy, method, args) -> method.getName().equals("concurrentExports") ? exports : null);
        service.init();
        return service;
    }

    @Test
    void beyondTheAllowedExportsTheNextIsRefusedUntilOneEnds() {
        NetworkExports exports = allowing(2);
        org.kiezwerk.commons.api.Admission.Place first = exports.admit();
        org.kiezwerk.commons.api.Admission.Place second = exports.admit();
        assertThrows(ExportsBusyException.class, exports::admit);
        first.close();
        first.close(); // the answer's end and an abandoned connection may both close it: one place back, not two
        org.kiezwerk.commons.api.Admission.Place third = assertDoesNotThrow(exports::admit);
        assertThrows(ExportsBusyException.class, exports::admit);
        second.close();
        third.close();
        assertDoesNotThrow(exports::admit);
        assertDoesNotThrow(exports::admit);
        assertThrows(ExportsBusyException.class, exports::admit);
    }
}
