package dev.tinyforge.backend.c;

import java.net.URL;
import java.util.Map;

import org.stringtemplate.v4.ST;
import org.stringtemplate.v4.STGroup;
import org.stringtemplate.v4.STGroupFile;

/** Loads the StringTemplate groups bundled from templates/ and renders one template with a data map. */
public final class Templates {
    private Templates() {}

    public static String render(String group, String template, Map<String, ?> data) {
        STGroup g = load(group);
        ST st = g.getInstanceOf(template);
        if (st == null) throw new IllegalStateException("template " + group + "/" + template + " not found");
        data.forEach(st::add);
        return st.render();
    }

    private static STGroup load(String group) {
        URL u = Templates.class.getResource("/templates/" + group + ".stg");
        if (u == null) throw new IllegalStateException("template group " + group + " is not bundled");
        STGroup g = new STGroupFile(u, "UTF-8", '$', '$');
        g.setListener(new org.stringtemplate.v4.misc.ErrorBuffer() {
            @Override public void runTimeError(org.stringtemplate.v4.misc.STMessage msg) {
                throw new IllegalStateException("template error: " + msg);
            }

            @Override public void compileTimeError(org.stringtemplate.v4.misc.STMessage msg) {
                throw new IllegalStateException("template error: " + msg);
            }
        });
        return g;
    }
}
