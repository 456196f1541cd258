package dev.tinyforge.sim;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tinyforge.CompileException;

/**
 * What the example firmware printed (see templates/firmware.stg, mainC): the outputs from the
 * "TF_OUTPUT index bytes hex" lines, whether it reached "TF_DONE", a fault line if any, and the inference's stack
 * high-water mark and the stack reserved ("TF_STACK used reserved"; -1 when not printed).
 */
public record UartTranscript(List<byte[]> outputs, boolean done, String fault, long stackUsed, long stackReserved) {

    public static UartTranscript parse(String text) {
        Map<Integer, byte[]> outs = new TreeMap<>();
        boolean done = false;
        String fault = null;
        long stackUsed = -1, stackReserved = -1;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("TF_OUTPUT ")) {
                String[] f = line.split(" ");
                int index = Integer.parseInt(f[1]);
                int bytes = Integer.parseInt(f[2]);
                byte[] data = f.length > 3 ? HexFormat.of().parseHex(f[3]) : new byte[0];
                if (data.length != bytes)
                    throw new CompileException("the firmware printed " + data.length + " bytes for output " + index + ", announcing " + bytes);
                outs.put(index, data);
            } else if (line.equals("TF_DONE")) {
                done = true;
            } else if (line.startsWith("TF_STACK ")) {
                String[] f = line.split(" ");
                stackUsed = Long.parseLong(f[1]);
                stackReserved = Long.parseLong(f[2]);
            } else if (line.startsWith("TF_FAULT")) {
                fault = line.substring("TF_FAULT".length()).trim();
            }
        }
        return new UartTranscript(new ArrayList<>(outs.values()), done, fault, stackUsed, stackReserved);
    }

    /** All outputs concatenated in output order, as the host runner writes them. */
    public byte[] concatenated() {
        int n = outputs.stream().mapToInt(b -> b.length).sum();
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] b : outputs) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }
}
