package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.bxiemu.launcher.output.ResultsDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html} opened in a real headless Chromium (Debian's {@code chromium}, installed by
 * this test with apt-get when absent and running as root; otherwise the test is skipped, saying
 * why). A small sweep (poll against uintr on a 4-node star) writes the report; Chromium loads it
 * with every host unresolvable and a throw-away profile, and the test requires that every chart
 * reported itself drawn (the page's {@code data-charts-drawn} marker, set once each Chart.js chart
 * has rendered), that the page logged nothing to the console and recorded no error, and that the
 * screenshot shows the charts' colours. The screenshot is kept as
 * {@code launcher/target/report-screenshots/report.png}.
 */
class ReportInChromiumTest {
    private static final long BROWSER_SECONDS = 60;
    private static String chromium;

    @BeforeAll
    static void findOrInstallChromium() throws IOException, InterruptedException {
        chromium = find();
        if (chromium == null && SystemTools.isRoot()) {
            SystemTools.aptInstall("chromium", 900);
            chromium = find();
        }
        assumeTrue(chromium != null, "skipped: Debian's chromium is not installed and could not be installed "
                + "(needs root and apt-get): report.html was not checked in a browser");
    }

    @Test
    void theReportDrawsEveryChartWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("engines.conf");
        Files.writeString(config, """
                run.platform = cluster
                cluster.fabric = on
                switch.topology = star
                switch.star.nodes = 4
                job.program = osu-iallreduce
                osu.sizes = "8B:1KiB"
                osu.iterations = 2
                run.sweep = [{mpi.progress = poll}, {mpi.progress = uintr}]
                """);
        Cli.Outcome o = Cli.run("run", config.toString(), "--out", dir.resolve("out").toString());
        assertEquals(Main.OK, o.code(), o.err());
        Path report = ResultsDirectory.runs(dir.resolve("out")).get(0).resolve("report.html");
        Browser dom = browse(dir, report, "--dump-dom");
        assertEquals(0, dom.exit(), dom.log());
        int canvases = count(Pattern.compile("<canvas "), dom.out());
        assertEquals(6, canvases, "time, overlap, core time, CPU beyond compute, spread at two sizes");
        Matcher drawn = Pattern.compile("data-charts-drawn=\"([0-9]+)\"").matcher(dom.out());
        assertTrue(drawn.find(), "the page never said all its charts were drawn; browser log:\n" + dom.log());
        assertEquals(canvases, Integer.parseInt(drawn.group(1)), "every chart drawn");
        assertTrue(!dom.out().contains("data-report-errors"), "errors recorded by the page: " + dom.out());
        List<String> console = dom.log().lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertTrue(console.isEmpty(), "the page logged to the console: " + console);

        Path shots = Path.of("target", "report-screenshots");
        Files.createDirectories(shots);
        Path png = shots.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Browser shot = browse(dir, report, "--screenshot=" + png, "--window-size=1200,4600", "--hide-scrollbars");
        assertEquals(0, shot.exit(), shot.log());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, "a PNG screenshot at " + png);
        assertTrue(colouredPixels(image) > 2000, "the screenshot shows the charts' colours: " + png);
    }

    private record Browser(int exit, String out, String log) {}

    /** Runs headless Chromium on the page: throw-away profile, no network, console on stderr. */
    private static Browser browse(Path dir, Path page, String... what) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--disable-gpu",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--log-level=0",
                "--virtual-time-budget=10000"));
        if (SystemTools.isRoot()) cmd.add("--no-sandbox"); // Chromium refuses to run its sandbox as root
        cmd.addAll(List.of(what));
        cmd.add(page.toUri().toString());
        Path out = dir.resolve("browser.out");
        Path log = dir.resolve("browser.log");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within " + BROWSER_SECONDS + " s: " + Files.readString(log));
        }
        return new Browser(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Pixels clearly not grey (the charts' lines and bars; text and grid lines are grey or black). */
    private static int colouredPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) n++;
            }
        }
        return n;
    }

    private static int count(Pattern p, String s) {
        int n = 0;
        for (Matcher m = p.matcher(s); m.find(); ) n++;
        return n;
    }

    private static String find() {
        Path p = SystemTools.find("chromium", "chromium-browser");
        return p == null ? null : p.toString();
    }
}
