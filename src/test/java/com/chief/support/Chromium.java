package com.chief.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Browser checks: runs the playwright scripts of {@code src/test/js} with node against the headless
 * Chromium that the build unpacked from npm's {@code @sparticuz/chromium} ({@code chief.chromium},
 * set by Maven). A missing browser fails the test; it is never skipped.
 */
public final class Chromium {

    private static final Path SCRIPTS = Path.of("src/test/js");
    /** Where Maven installed playwright-core: scripts run from there so node resolves it. */
    private static final Path DRIVER = Path.of("target/playwright");

    private Chromium() {
    }

    /** The page's DOM after its scripts ran; a screenshot of it goes to {@code png}. */
    public static String open(URI page, Path png) throws Exception {
        Files.createDirectories(png.getParent());
        return run("page.mjs", List.of(page.toString(), png.toString()));
    }

    /** Runs {@code src/test/js/<script>} and returns what it printed; fails unless it exits with 0. */
    public static String run(String script, List<String> args) throws Exception {
        String home = System.getProperty("chief.chromium");
        if (home == null || !Files.isExecutable(Path.of(home, "chromium"))) {
            throw new IllegalStateException("No Chromium in " + home + ": mvn verify unpacks it from npm (pom.xml, unpack-chromium)");
        }
        Path driver = DRIVER.toAbsolutePath();
        try (var scripts = Files.list(SCRIPTS)) {
            for (Path file : scripts.toList()) {
                // whole or not at all: a test JVM beside this one may be starting node on the same script
                Path copy = Files.copy(file, driver.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp"),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.move(copy, driver.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(driver.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("CHIEF_CHROMIUM", Path.of(home).toAbsolutePath().toString());
        Process process = builder.start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("node " + String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } finally {
            stop(process);
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
