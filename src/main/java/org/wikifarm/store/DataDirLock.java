package org.wikifarm.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.wikifarm.error.WikifarmException;

/**
 * {@code data/instance/server.lock}: an OS file lock that a running server holds on its data folder for as long as it
 * is deployed, and that the command-line tool takes for every command that writes. So the tool never writes under a
 * running server, and a server does not start while the tool writes. The OS drops the lock when the process ends,
 * however it ends (a {@code kill -9} leaves no stale lock); the file itself stays and only says who held it last.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve("instance").resolve("server.lock");
    }

    /**
     * Takes the lock for {@code holder} ("server", "wikifarm import"…), or refuses with 409 {@code data_dir_locked}
     * naming who holds it. The file and its folder are created if missing: call it only on a data folder.
     */
    public static DataDirLock take(Path dataDir, String holder) {
        Path file = file(dataDir);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw held(dataDir);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + " (process " + ProcessHandle.current().pid() + ") since "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock the data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Whether another process (or another holder in this one) holds the lock now; never creates anything. */
    public static boolean isHeld(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException sameProcess) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static WikifarmException held(Path dataDir) {
        String who;
        try {
            who = Files.readString(file(dataDir), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            who = "";
        }
        return new WikifarmException.Conflict("data_dir_locked", "The data folder " + dataDir
                + " is in use" + (who.isEmpty() ? "" : " by " + who)
                + ". Stop the server (or wait for the other command) and try again.");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException | RuntimeException ignored) {
            // Closing the channel below releases it too.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }
}
