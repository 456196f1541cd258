package dev.tinyforge.plan;

import java.util.List;

/** Verifies a plan: no two buffers that are live at the same time share a byte, and all are aligned. */
public final class PlanChecker {
    private PlanChecker() {}

    /** Returns null when the plan is valid, otherwise a description of the first conflict. */
    public static String check(MemoryPlan plan) {
        List<Buffer> bs = plan.buffers();
        for (Buffer b : bs)
            if (plan.offset(b) % ArenaPlanner.ALIGNMENT != 0) return "%" + b.root().name() + " is misaligned";
        for (int i = 0; i < bs.size(); i++)
            for (int j = i + 1; j < bs.size(); j++) {
                Buffer a = bs.get(i), b = bs.get(j);
                if (!a.overlapsInTime(b)) continue;
                long a0 = plan.offset(a), a1 = a0 + a.bytes(), b0 = plan.offset(b), b1 = b0 + b.bytes();
                if (a0 < b1 && b0 < a1 && a.bytes() > 0 && b.bytes() > 0)
                    return "%" + a.root().name() + " [" + a0 + "," + a1 + ") and %" + b.root().name() + " [" + b0 + "," + b1
                            + ") are live together (steps " + a.firstStep() + ".." + a.lastStep() + " and " + b.firstStep()
                            + ".." + b.lastStep() + ") and overlap";
            }
        return null;
    }
}
