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
 * size, where each rank's core time went (compute, library, polling, interrupt delivery, handler,
 * kernel) as stacked bars per run, the same beyond compute, and the spread of the ranks' times at
 * the smallest and largest message (cumulative distributions of per-rank means).
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
        ObjectMapper json = new ObjectMapper();
        String data = json.writeValueAsString(rows).replace("</", "<\\/");
        String breakdown = json.writeValueAsString(figures.getOrDefault("core_time_per_rank", List.of()))
                .replace("</", "<\\/");
        String rankTimes = json.writeValueAsString(figures.getOrDefault("rank_times", List.of())).replace("</", "<\\/");
        String page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>bxiemu report</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:1100px}canvas{margin:1em 0}
                code{background:#f3f3f3;padding:0 .3em}p.note{color:#555}</style>
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
                <p>Command: <code>%s</code>. Virtual-time figures; each run changes only the keys in its name.
                The same figures are in <code>comparison.csv</code>, <code>core_time_per_rank.csv</code> and
                <code>rank_times.csv</code> beside this page.</p>
                <section><h2>Overall time against message size</h2>
                <p class="note">Non-blocking benchmarks: time of one call with as much compute as the pure
                communication between post and wait (OSU's overall time); others: average latency.</p>
                <canvas id="overall"></canvas></section>
                <section><h2>Overlap against message size</h2>
                <p class="note">OSU's overlap: how much of the communication was hidden behind the compute.</p>
                <canvas id="overlap"></canvas></section>
                <section><h2>Where each rank's core time went (whole run)</h2>
                <p class="note">Core time per rank by kind (idle left out: it also counts cores without a rank).</p>
                <canvas id="breakdown"></canvas></section>
                <section><h2>Each rank's CPU beyond its compute (whole run)</h2>
                <p class="note">The same without compute and library: the price of progression.</p>
                <canvas id="cpu"></canvas></section>
                <section><h2>Spread over the ranks: smallest message</h2>
                <p class="note">Cumulative distribution of each rank's mean time per call (its timed iterations
                averaged; single iterations are not recorded).</p>
                <canvas id="spread-small"></canvas></section>
                <section><h2>Spread over the ranks: largest message</h2>
                <canvas id="spread-large"></canvas></section>
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
                function drop(id) { document.getElementById(id).closest('section').remove(); }
                const rows = %s;
                const breakdown = %s;
                const rankTimes = %s;
                const runs = [...new Set(rows.map(r => r.run))];
                const colours = ['#1f77b4','#d62728','#2ca02c','#9467bd','#ff7f0e','#8c564b','#e377c2','#17becf'];
                const colour = i => colours[i %% colours.length];
                // one colour per kind of core time, the same in both stacked charts
                const kindColours = {compute: '#1f77b4', library: '#8c564b', polling: '#2ca02c',
                  interrupt: '#d62728', handler: '#ff7f0e', kernel: '#9467bd'};
                function lines(id, key, label, log) {
                  const sized = rows.filter(r => r.size !== undefined && r[key] !== undefined);
                  if (sized.length === 0) { drop(id); return; }
                  chart(id, {type: 'line', data: {datasets: runs.map((run, i) => ({
                      label: run, borderColor: colour(i), backgroundColor: colour(i),
                      data: sized.filter(r => r.run === run).map(r => ({x: Math.max(r.size, 1), y: r[key]}))}))},
                    options: {animation: false, scales: {x: {type: 'logarithmic', title: {display: true, text: 'message size (bytes)'}},
                      y: {type: log ? 'logarithmic' : 'linear', title: {display: true, text: label}}}}});
                }
                function stacked(id, table, keys) {
                  if (table.length === 0) { drop(id); return; }
                  chart(id, {type: 'bar', data: {labels: table.map(r => r.run),
                      datasets: keys.map((k, i) => ({label: k.replace('cpu_', '').replace(/_us$/, '').replace('_', ' '),
                        backgroundColor: kindColours[k.replace('cpu_', '').split('_')[0]] || colour(i),
                        data: table.map(r => r[k] || 0)}))},
                    options: {animation: false, scales: {x: {stacked: true}, y: {stacked: true,
                      title: {display: true, text: 'us per rank'}}}}});
                }
                function spread(id, pick) {
                  const sizes = [...new Set(rankTimes.map(r => r.size))].sort((a, b) => a - b);
                  if (sizes.length === 0) { drop(id); return; }
                  const size = pick(sizes);
                  document.getElementById(id).closest('section').querySelector('h2').textContent += ' (' + size + ' B)';
                  chart(id, {type: 'line', data: {datasets: runs.map((run, i) => {
                      const times = rankTimes.filter(r => r.run === run && r.size === size).map(r => r.us).sort((a, b) => a - b);
                      return {label: run, stepped: true, borderColor: colour(i), backgroundColor: colour(i),
                        data: times.map((t, j) => ({x: t, y: 100 * (j + 1) / times.length}))};
                    })},
                    options: {animation: false, scales: {x: {type: 'linear', title: {display: true, text: 'time per call (us)'}},
                      y: {min: 0, max: 100, title: {display: true, text: 'ranks at or below (%%)'}}}}});
                }
                lines('overall', rows.some(r => r.overall_us !== undefined) ? 'overall_us' : 'avg_us', 'time (us)', true);
                lines('overlap', 'overlap_pct', 'overlap (%%)', false);
                stacked('breakdown', breakdown, breakdown.length ? Object.keys(breakdown[0]).filter(k => k !== 'run') : []);
                stacked('cpu', runs.map(run => rows.find(r => r.run === run)),
                    ['cpu_polling_us', 'cpu_interrupt_us', 'cpu_handler_us', 'cpu_kernel_us']);
                spread('spread-small', sizes => sizes[0]);
                spread('spread-large', sizes => sizes[sizes.length - 1]);
                allCreated = true;
                markDrawn();
                </script></body></html>
                """.formatted(library, escape(command), data, breakdown, rankTimes);
        Files.writeString(file, page, StandardCharsets.UTF_8);
        return true;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
