package com.chief.intake;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a dropped file as text, or says why it cannot be read as records. The first bytes decide:
 * gzip is read through, a UTF-16 byte-order mark selects UTF-16, anything else is UTF-8 (bytes that
 * are not UTF-8 become U+FFFD and reject the record holding them). Zip archives and symbolic links
 * are refused: a zip holds files, not records, and a link could expose any file Chief may read.
 * {@link #decode} is the same rule for bytes from elsewhere (an S3 object).
 */
final class InboxFile {

    private InboxFile() {
    }

    /** Thrown when a file can never be read as records; the file is set aside with this reason. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    static Reader open(Path file) throws IOException, Unreadable {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Unreadable("a symbolic link or special file, not a regular file: drop the file itself");
        }
        return decode(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
    }

    /** Reads a stream as records' text (gzip, UTF-16 or UTF-8; a zip is refused); closes it if it cannot. */
    static Reader decode(InputStream raw) throws IOException, Unreadable {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        try {
            byte[] head = peek(in, 4);
            if (startsWith(head, 0x1F, 0x8B)) {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
                head = peek(in, 4);
            }
            if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
                throw new Unreadable("a zip archive: unzip it and drop the files it holds");
            }
            Charset charset = startsWith(head, 0xFE, 0xFF) || startsWith(head, 0xFF, 0xFE) ? StandardCharsets.UTF_16
                    : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
        } catch (IOException | Unreadable | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Whether a read failed because of the file's bytes (a corrupt or cut-short gzip: the intake reads
     * only files that stopped growing, so one that ends early was cut short when written) rather than
     * the disk, mount or connection under it, which may do better on another attempt.
     */
    static boolean isContentFault(IOException failure) {
        return failure instanceof ZipException || failure instanceof EOFException
                || failure instanceof CharacterCodingException;
    }

    private static byte[] peek(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] head = in.readNBytes(n);
        in.reset();
        return head;
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
