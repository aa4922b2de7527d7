package org.kiezwerk.partner.domain;

/** How many active partners serve a target group in a quarter (0: a gap). */
public record GapCell(String areaCode, String areaName, String targetGroup, long partners) {
}
