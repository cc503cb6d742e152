package com.chief.local;

import com.chief.launch.BoundedMalloc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The watchdog script {@code while-chief-runs.sh} in front of a child server's command: the server
 * stops within a second or so when the Chief JVM is gone, even after a SIGKILL that ran no hook.
 */
final class WhileChiefRuns {

    private static final String SCRIPT = "chief/local/while-chief-runs.sh";

    private WhileChiefRuns() {
    }

    /** A process builder for {@code command} run under the script, which is copied into {@code dir}. */
    static ProcessBuilder wrap(Path dir, List<String> command) throws IOException {
        Path script = dir.resolve("while-chief-runs.sh");
        try (InputStream in = WhileChiefRuns.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", script.toString()));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped);
        builder.environment().put("CHIEF_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        BoundedMalloc.apply(builder);
        return builder;
    }
}
