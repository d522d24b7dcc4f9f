package org.bxiemu.launcher.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (Chart.js inlined, no network needed) comparing the
 * runs of a sweep — typically the progression engines: overall time and overlap % against message
 * size, and each rank's CPU beyond compute (polling, interrupt delivery, handlers, kernel) as
 * stacked bars per run.
 */
public final class ReportHtml {
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";

    private ReportHtml() {}

    /** Writes the page if the figures hold a sweep's comparison; returns whether it did. */
    public static boolean write(Path file, String command, Map<String, Object> figures) throws IOException {
        Object comparison = figures.get("comparison");
        if (!(comparison instanceof List<?> rows) || rows.isEmpty()) return false;
        String library;
        try (InputStream in = ReportHtml.class.getClassLoader().getResourceAsStream(CHART_JS)) {
            if (in == null) throw new IOException("Chart.js is missing from the classpath (" + CHART_JS + ")");
            library = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String data = new ObjectMapper().writeValueAsString(rows).replace("</", "<\\/");
        String page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>bxiemu report</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:1100px}canvas{margin:1em 0}
                code{background:#f3f3f3;padding:0 .3em}</style>
                <script>
                // errors and console errors are recorded in the page itself, so a headless browser's DOM shows them
                const reportErrors = [];
                function reportError(text) {
                  reportErrors.push(String(text));
                  document.documentElement.dataset.reportErrors = reportErrors.join(' | ');
                }
                window.addEventListener('error', e => reportError(e.message));
                const consoleError = console.error;
                console.error = (...args) => { reportError(args.join(' ')); consoleError(...args); };
                </script>
                <script>%s</script></head><body>
                <h1>bxiemu: comparison of runs</h1>
                <p>Command: <code>%s</code>. Virtual-time figures; each run changes only the keys in its name.</p>
                <h2>Overall time against message size</h2><canvas id="overall"></canvas>
                <h2>Overlap against message size</h2><canvas id="overlap"></canvas>
                <h2>Each rank's CPU beyond its compute (whole run)</h2><canvas id="cpu"></canvas>
                <p id="status">drawing the charts...</p>
                <script>
                // every chart reports when it has been rendered; once all have, the page says so
                // (data-charts-drawn on <html>), which is what a headless browser test waits for
                const charts = [];
                const drawn = new Set();
                let allCreated = false;
                function markDrawn() {
                  if (!allCreated || !charts.every(c => drawn.has(c.id))) return;
                  document.documentElement.dataset.chartsDrawn = String(charts.length);
                  document.getElementById('status').textContent = charts.length + ' charts drawn';
                }
                Chart.register({id: 'bxiemuDrawn', afterRender(chart) { drawn.add(chart.id); markDrawn(); }});
                function chart(id, spec) { charts.push(new Chart(document.getElementById(id), spec)); }
                const rows = %s;
                const runs = [...new Set(rows.map(r => r.run))];
                const colours = ['#1f77b4','#d62728','#2ca02c','#9467bd','#ff7f0e','#8c564b','#e377c2','#17becf'];
                function lines(id, key, label, log) {
                  const sized = rows.filter(r => r.size !== undefined && r[key] !== undefined);
                  if (sized.length === 0) { document.getElementById(id).remove(); return; }
                  chart(id, {type: 'line', data: {datasets: runs.map((run, i) => ({
                      label: run, borderColor: colours[i %% colours.length], backgroundColor: colours[i %% colours.length],
                      data: sized.filter(r => r.run === run).map(r => ({x: Math.max(r.size, 1), y: r[key]}))}))},
                    options: {animation: false, scales: {x: {type: 'logarithmic', title: {display: true, text: 'message size (bytes)'}},
                      y: {type: log ? 'logarithmic' : 'linear', title: {display: true, text: label}}}}});
                }
                lines('overall', rows.some(r => r.overall_us !== undefined) ? 'overall_us' : 'avg_us', 'time (us)', true);
                lines('overlap', 'overlap_pct', 'overlap (%%)', false);
                const cpuKeys = ['cpu_polling_us', 'cpu_interrupt_us', 'cpu_handler_us', 'cpu_kernel_us'];
                const first = runs.map(run => rows.find(r => r.run === run));
                chart('cpu', {type: 'bar', data: {labels: runs,
                    datasets: cpuKeys.map((k, i) => ({label: k.replace('cpu_', '').replace('_us', ''),
                      backgroundColor: colours[i], data: first.map(r => r[k] || 0)}))},
                  options: {animation: false, scales: {x: {stacked: true}, y: {stacked: true,
                    title: {display: true, text: 'us per rank'}}}}});
                allCreated = true;
                markDrawn();
                </script></body></html>
                """.formatted(library, escape(command), data);
        Files.writeString(file, page, StandardCharsets.UTF_8);
        return true;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
