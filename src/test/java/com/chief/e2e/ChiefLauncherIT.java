package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.config.ConfigLocations;
import com.chief.settings.ChiefKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code java -jar chief.jar} (no heap setting) runs Chief in a child JVM with the bounded default heap,
 * and SIGTERM to the launcher it started stops both, and everything under them, within 10 s.
 */
class ChiefLauncherIT {

    @TempDir
    Path workDir;

    @Test
    void withoutAHeapSettingChiefRunsInABoundedChildJvmThatStopsWithTheLauncher() throws Exception {
        try (ChiefProcess chief = ChiefProcess.start(workDir, Map.of())) {
            chief.awaitHealthy();
            ProcessHandle jvm = chief.chiefJvm().orElseThrow(() -> new AssertionError("no child JVM\n" + chief.log()));
            String commandLine = jvm.info().commandLine().orElse("");
            System.out.println("Chief's JVM: " + commandLine);
            assertThat(commandLine).contains("-Xmx" + ConfigLocations.earlySetting(ChiefKeys.JVM_MAX_HEAP)).contains("-Dchief.jvm.launcher-pid=" + chief.launcher().pid())
                    .contains("-jar");
            double launcherMb = residentMb(chief.launcher().pid());
            System.out.printf("launcher RSS %.0f MiB, Chief's JVM RSS %.0f MiB%n", launcherMb, residentMb(jvm.pid()));
            assertThat(launcherMb).as("the launcher only waits").isLessThan(150);

            List<ProcessHandle> all = chief.children();
            long stopping = System.nanoTime();
            chief.terminate(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
            System.out.printf("SIGTERM to the launcher: launcher, Chief and its children gone after %d ms%n",
                    (System.nanoTime() - stopping) / 1_000_000);
            assertThat((System.nanoTime() - stopping) / 1e9).isLessThan(10);
            assertThat(chief.log()).contains("Chief is running");
        }
    }

    private static double residentMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }
}
