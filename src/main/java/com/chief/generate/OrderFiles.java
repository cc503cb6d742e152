package com.chief.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Writes records as JSON-array files, each written under a dot-name and renamed into place so readers never see half a file. */
public final class OrderFiles {

    private OrderFiles() {
    }

    public static List<Path> write(Path dir, String prefix, List<String> records, int perFile) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int start = 0, n = 1; start < records.size(); start += perFile, n++) {
            Path target = dir.resolve(String.format("%s-%03d.json", prefix, n));
            Path temp = dir.resolve("." + target.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write("[\n");
                List<String> chunk = records.subList(start, Math.min(records.size(), start + perFile));
                for (int i = 0; i < chunk.size(); i++) {
                    out.write(chunk.get(i));
                    out.write(i + 1 < chunk.size() ? ",\n" : "\n");
                }
                out.write("]\n");
            }
            files.add(Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE));
        }
        return files;
    }
}
