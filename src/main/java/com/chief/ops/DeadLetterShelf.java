package com.chief.ops;

import com.chief.model.Json;
import com.chief.model.SafeFileNames;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters as an operator sees them: per application, grouped by reason, oldest and newest;
 * and the shelf a replay takes them from and puts what went through on ({@code replayed/<application>/}).
 * Reasons carry ids, counts and times, so they are grouped by a normalised text: the letter's own
 * order id becomes {@code <order>}, every number and
 * hexadecimal id (an exchange's) {@code #}.
 */
public final class DeadLetterShelf {

    /** Where replayed letters go, beside the applications' folders. */
    public static final String REPLAYED = "replayed";
    static final int TOP_REASONS = 10;
    private static final int MAX_REASON = 200;
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    /** Exchange ids, hashes, UUIDs: hexadecimal runs with a digit in them. */
    private static final Pattern HEX_IDS = Pattern.compile("\\b(?=[0-9A-Fa-f-]*\\d)[0-9A-Fa-f]{8,}(-[0-9A-Fa-f]+)*\\b");
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterShelf.class);

    private final Path dir;

    public DeadLetterShelf(Path dir) {
        this.dir = dir;
    }

    /** The applications with letters on the shelf, by name. */
    public List<String> applications() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(dir)) {
            return folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString())
                    .filter(name -> !name.equals(REPLAYED)).sorted().toList();
        }
    }

    /** An application's letters, oldest first; a letter that cannot be read is logged and left where it is. */
    List<DeadLetter> letters(String application) throws IOException {
        Path folder = dir.resolve(SafeFileNames.encode(application));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<DeadLetter> letters = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    letters.add(DeadLetter.read(file));
                } catch (IOException unreadable) {
                    LOG.warn("Dead letter {} cannot be read: {}", file, unreadable.getMessage());
                }
            }
        }
        letters.sort(Comparator.comparing(DeadLetter::deadLetteredAt));
        return letters;
    }

    /** Every letter on the shelf naming an order (by its record's order id or partition key), in any application. */
    List<DeadLetter> naming(String orderId) throws IOException {
        return naming(new DeadLetterShelf(dir), orderId);
    }

    /** Every letter naming an order that a replay took off the shelf. */
    List<DeadLetter> replayedNaming(String orderId) throws IOException {
        return naming(new DeadLetterShelf(dir.resolve(REPLAYED)), orderId);
    }

    private static List<DeadLetter> naming(DeadLetterShelf shelf, String orderId) throws IOException {
        List<DeadLetter> naming = new ArrayList<>();
        for (String application : shelf.applications()) {
            shelf.letters(application).stream().filter(letter -> orderId.equals(letter.orderId())
                    || orderId.equals(letter.record().partitionKey())).forEach(naming::add);
        }
        return naming;
    }

    /** Takes a letter that went through off the shelf; a later letter of the same record replaces it there. */
    void replayed(DeadLetter letter) throws IOException {
        Path target = dir.resolve(REPLAYED).resolve(letter.file().getParent().getFileName()).resolve(letter.file().getFileName());
        Files.createDirectories(target.getParent());
        Files.move(letter.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code {"total":n,"applications":[{"application","count","reasons":[{"reason","count"}],"oldest","newest"}]}}. */
    public ObjectNode summary() throws IOException {
        ObjectNode summary = Json.MAPPER.createObjectNode();
        ArrayNode applications = summary.putArray("applications");
        long total = 0;
        for (String application : applications()) {
            List<DeadLetter> letters = letters(application);
            if (letters.isEmpty()) {
                continue;
            }
            total += letters.size();
            ObjectNode entry = applications.addObject().put("application", application).put("count", letters.size());
            Map<String, Long> reasons = new LinkedHashMap<>();
            letters.forEach(letter -> reasons.merge(normalised(letter), 1L, Long::sum));
            ArrayNode top = entry.putArray("reasons");
            reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP_REASONS)
                    .forEach(reason -> top.addObject().put("reason", reason.getKey()).put("count", reason.getValue()));
            if (reasons.size() > TOP_REASONS) {
                entry.put("otherReasons", reasons.size() - TOP_REASONS);
            }
            entry.put("oldest", letters.get(0).deadLetteredAt().toString());
            entry.put("newest", letters.get(letters.size() - 1).deadLetteredAt().toString());
        }
        summary.put("total", total);
        return summary;
    }

    /** A letter's reason without what differs from letter to letter: its order id, numbers; cut to a line. */
    static String normalised(DeadLetter letter) {
        String reason = letter.reason();
        for (String id : new String[] {letter.orderId(), letter.record().partitionKey()}) {
            if (id != null && !id.isEmpty()) {
                reason = reason.replace(id, "<order>");
            }
        }
        reason = HEX_IDS.matcher(reason).replaceAll("#");
        reason = NUMBERS.matcher(reason).replaceAll("#").strip();
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
    }
}
