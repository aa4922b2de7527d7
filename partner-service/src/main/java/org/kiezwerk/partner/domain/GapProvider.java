package org.kiezwerk.partner.domain;

import java.util.UUID;

/** A partner elsewhere that serves a group, and how far its nearest address is from the quarter. */
public record GapProvider(String areaCode, String targetGroup, UUID id, String name, long distanceMetres) {
}
