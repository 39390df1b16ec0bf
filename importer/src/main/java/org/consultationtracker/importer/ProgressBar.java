package org.consultationtracker.importer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Steps done / total and a percentage on stderr. On a terminal one line is redrawn in place; otherwise (a log file) a
 * line is printed at every tenth of the way, so logs stay readable.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final int LABEL_WIDTH = 40;

    private final PrintStream out;
    private final int total;
    private final boolean enabled;
    private final boolean redraw;
    private int lastTenth = -1;

    ProgressBar(PrintStream out, int total, boolean enabled, boolean redraw) {
        this.out = out;
        this.total = total;
        this.enabled = enabled;
        this.redraw = redraw;
    }

    void update(int done, String label) {
        if (!enabled) {
            return;
        }
        if (redraw) {
            out.print("\r" + line(done, total, label));
            out.flush();
        } else {
            int tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println(line(done, total, label).stripTrailing());
            }
        }
    }

    void finish() {
        if (enabled && redraw) {
            out.println();
        }
    }

    static String line(int done, int total, String label) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String shown = label.length() > LABEL_WIDTH ? label.substring(0, LABEL_WIDTH - 1) + "…" : label;
        int digits = String.valueOf(total).length();
        return String.format(Locale.ROOT, "[%s%s] %" + digits + "d/%d %3d%%  %-" + LABEL_WIDTH + "s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, percent, shown);
    }
}
