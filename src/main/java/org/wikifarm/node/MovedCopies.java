package org.wikifarm.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiSnapshots;

/**
 * The copies of wikis moved away from this node, kept for {@code moveGraceSeconds} (to look at, or to move back by
 * hand if the new node is lost at once) and then removed. Each is marked by a file {@code data/instance/moved/<id>}
 * holding the instant it may go, so a restart forgets nothing. A copy is removed only while its wiki is held by another
 * node: a wiki that came back keeps its files.
 */
public final class MovedCopies {
    private static final Logger LOG = LoggerFactory.getLogger(MovedCopies.class);

    private final Path marks;
    private final OpenWikis files;
    private final Clock clock;
    private final Duration grace;

    public MovedCopies(Path marks, OpenWikis files, Clock clock, Duration grace) {
        this.marks = marks;
        this.files = files;
        this.clock = clock;
        this.grace = grace;
    }

    /** The wiki's files here are an old copy now: they go after the grace period. */
    void movedAway(TenantId wiki) {
        try {
            Files.createDirectories(marks);
            Files.writeString(marks.resolve(wiki.value()), clock.instant().plus(grace).toString(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot mark the old copy of wiki " + wiki, e);
        }
    }

    /** Whether the wiki's files here are an old copy (it moved away and may come back). */
    boolean isOldCopy(TenantId wiki) {
        return Files.isRegularFile(marks.resolve(wiki.value()));
    }

    /** The old copy goes now (the wiki is coming back, or its time is up). */
    void remove(TenantId wiki) {
        try (OpenWikis.Hold hold = files.hold(wiki, "wiki_moved", "This wiki has moved to another server.",
                Duration.ofSeconds(10))) {
            WikiSnapshots.discard(hold.dir());
        }
        try {
            Files.deleteIfExists(marks.resolve(wiki.value()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the copies whose time is up and whose wiki {@code heldHere} says is not here; answers how many. */
    public int sweep(java.util.function.Predicate<TenantId> heldHere) {
        if (!Files.isDirectory(marks)) {
            return 0;
        }
        int removed = 0;
        Instant now = clock.instant();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(marks)) {
            for (Path mark : entries) {
                String name = mark.getFileName().toString();
                if (!org.wikifarm.store.TenantId.isValid(name)) {
                    continue;
                }
                TenantId wiki = new TenantId(name);
                if (heldHere.test(wiki)) {
                    Files.deleteIfExists(mark);
                    continue;
                }
                if (now.isAfter(deadline(mark))) {
                    try {
                        remove(wiki);
                        removed++;
                    } catch (RuntimeException e) {
                        LOG.warn("Could not remove the old copy of wiki {} yet: {}", wiki, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not sweep the old copies of moved wikis", e);
        }
        return removed;
    }

    private static Instant deadline(Path mark) throws IOException {
        try {
            return Instant.parse(Files.readString(mark, StandardCharsets.UTF_8).strip());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
