package dev.tinyforge;

/**
 * The instruction-set extensions the generated C may use, so emitters can pick a kernel variant per layer.
 * Every variant falls back to portable C when its C feature macro is absent, so a wrong choice is slow,
 * never wrong.
 */
public enum Isa {
    /** Portable C only: the host and ARMv6-M/ARMv8-M baseline cores (Cortex-M0/M0+/M23). */
    PORTABLE,
    /** ARMv7E-M / ARMv8-M mainline DSP extension (SMLAD, SXTB16): Cortex-M4, M7, M33, M35P. */
    DSP,
    /** Helium (MVE) and the DSP extension: Cortex-M55, M85. */
    MVE;

    /** Whether kernels using the DSP extension may be chosen. */
    public boolean hasDsp() { return this != PORTABLE; }

    /** The extensions of a core named as in board.json ("cortex-m7"); unknown names and the host get PORTABLE. */
    public static Isa ofCore(String core) {
        if (core == null) return PORTABLE;
        return switch (core) {
            case "cortex-m4", "cortex-m7", "cortex-m33", "cortex-m35p" -> DSP;
            case "cortex-m55", "cortex-m85" -> MVE;
            default -> PORTABLE;
        };
    }
}
