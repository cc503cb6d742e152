package com.chief.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's package, installed by .ci/run) for browser checks: the DOM after
 * the page's scripts ran, or a screenshot. Network extras are off: this machine has no Internet.
 */
public final class Chromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    public static String dumpDom(URI page) throws Exception {
        return run(List.of("--dump-dom", page.toString()));
    }

    public static void screenshot(URI page, Path png) throws Exception {
        Files.createDirectories(png.getParent());
        run(List.of("--window-size=1280,1100", "--screenshot=" + png, page.toString()));
    }

    private static String run(List<String> args) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("No Chromium at " + BINARY + ": apt-get install chromium (.ci/run does)");
        }
        Path profile = Files.createTempDirectory("chief-chromium");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("chromium failed (" + String.join(" ", args) + ")");
            }
            return out;
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }
}
