package dev.tinyforge.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A board as the firmware templates see it: plain strings, numbers and flags. */
final class FirmwareTemplateData {
    private FirmwareTemplateData() {}

    static Map<String, Object> of(Board b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("title", b.title());
        m.put("core", b.core());
        m.put("cpuFlags", String.join(" ", b.cpuFlags()));
        m.put("clockHz", b.clockHz());
        m.put("resetClockHz", b.resetClockHz());
        m.put("irqCount", b.irqCount());
        List<Map<String, Object>> mems = new ArrayList<>();
        for (Memory mem : b.memories()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", mem.name());
            x.put("attrs", mem.attributes());
            x.put("origin", hex(mem.origin()));
            x.put("length", mem.length());
            mems.add(x);
        }
        m.put("memories", mems);
        Placement p = b.placement();
        m.put("code", p.code());
        m.put("weights", p.weights());
        m.put("data", p.data());
        m.put("arena", p.arena());
        m.put("stack", p.stack());
        m.put("stackBytes", b.stackBytes());
        m.put("optimization", b.optimization());
        m.put("semihosting", b.isEmulated());
        m.put("hasFpu", b.hasFpu());
        // Under emulation the count must stay pure instructions: no cycle-counter code in the marks.
        m.put("cycleCounter", b.hasCycleCounter() && !b.isEmulated());
        m.put("isM7", b.core().equals("cortex-m7"));
        m.put("consoleBase", hex(b.consoleBase()));
        m.put("consoleDescription", b.consoleDescription());
        if (b.consoleTxPin() >= 0) m.put("consoleTxPin", b.consoleTxPin());
        m.put("flashTool", b.flashTool());
        m.put("flashCommand", b.flashCommand());
        m.put("qemuMachine", b.qemuMachine());
        m.put("renodePlatform", b.renodePlatform());
        m.put("renodeUart", b.renodeUart());
        m.put("sramBytes", b.sramBytes());
        m.put("flashBytes", b.flashBytes());
        return m;
    }

    static String hex(long v) { return String.format("0x%08X", v); }
}
