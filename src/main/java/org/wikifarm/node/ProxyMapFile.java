package org.wikifarm.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * The map file HAProxy reads when it starts or reloads, written whole: a temporary file beside it, flushed to disk,
 * then renamed over it, so HAProxy never reads half a map.
 */
public final class ProxyMapFile {
    private ProxyMapFile() {
    }

    /** Writes the map in HAProxy's format ({@link ProxyMap#text}). */
    public static void write(Path file, List<ProxyMap.Entry> entries) {
        write(file, ProxyMap.text(entries));
    }

    /** Writes {@code text} (a map in HAProxy's or nginx's format) whole. */
    public static void write(Path file, String text) {
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // Readable by HAProxy's user (createTempFile makes it owner-only); the map holds no secret.
            temporary.toFile().setReadable(true, false);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the HAProxy map " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the failure above is the one to report
                }
            }
        }
    }
}
