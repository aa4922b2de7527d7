package org.kiezwerk.partner.domain;

import java.math.BigDecimal;
import java.util.UUID;

/** A phone as an HSDS import brought it: its id and details beside the number. */
public record HsdsPhone(UUID id, String number, BigDecimal extension, String type, String description) {
}
