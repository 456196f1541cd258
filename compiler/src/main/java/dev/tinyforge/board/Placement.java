package dev.tinyforge.board;

/**
 * Which memory region (by name) holds each part of a firmware image. Most boards put code and
 * weights in flash and everything else in one SRAM; boards with several RAMs (e.g. the M55's ITCM,
 * DTCM, QSPI and ISRAM) spread them out.
 */
public record Placement(String code, String weights, String data, String arena, String stack) {}
