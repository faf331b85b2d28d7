package org.wikifarm.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.store.TenantId;

/**
 * What this installation remembers about choosing a wiki, for visitors it knows nothing else about: the default wiki
 * (set by a platform admin: where {@code /} takes a visitor with no wiki of their own) and the wikis used most
 * recently on this instance (the "Select wiki" screen lists them first for such visitors, where they may read them).
 * Kept in {@code data/instance/selector.json}, written whole (a temporary file moved over it) and at most every
 * {@value #WRITE_MILLIS} ms; a use not yet written is written by {@link #close()}. A missing or unreadable file is an
 * empty one (logged), never an error for a visitor.
 */
public final class InstanceSelector implements AutoCloseable {
    /** How many recent wikis the file keeps. */
    public static final int KEPT = 20;
    private static final long WRITE_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(InstanceSelector.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private TenantId defaultWiki;
    private final List<TenantId> recent = new ArrayList<>();
    private boolean dirty;
    private long writtenAt;

    public InstanceSelector(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        read();
    }

    /** The default wiki set by a platform admin, if any. */
    public synchronized Optional<TenantId> defaultWiki() {
        return Optional.ofNullable(defaultWiki);
    }

    /** Sets (or with null clears) the default wiki, written at once. */
    public synchronized void setDefault(TenantId wiki) {
        defaultWiki = wiki;
        write();
    }

    /** The wikis used last on this instance, newest first. */
    public synchronized List<TenantId> recent() {
        return List.copyOf(recent);
    }

    /** Records that someone used the wiki now. */
    public synchronized void used(TenantId wiki) {
        if (!recent.isEmpty() && recent.get(0).equals(wiki)) {
            return;
        }
        recent.remove(wiki);
        recent.add(0, wiki);
        while (recent.size() > KEPT) {
            recent.remove(recent.size() - 1);
        }
        dirty = true;
        if (clock.millis() - writtenAt >= WRITE_MILLIS) {
            try {
                write();
            } catch (UncheckedIOException e) {
                // Remembering is a convenience: a read never fails over it; the next use or close tries again.
                LOG.warn("Could not remember the recent wikis in {}: {}", file, e.getMessage());
            }
        }
    }

    /** Forgets a wiki that no longer exists. */
    public synchronized void forget(TenantId wiki) {
        boolean changed = recent.remove(wiki);
        if (wiki.equals(defaultWiki)) {
            defaultWiki = null;
            changed = true;
        }
        if (changed) {
            write();
        }
    }

    @Override
    public synchronized void close() {
        if (dirty) {
            write();
        }
    }

    private void read() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode chosen = root.path("default");
            if (chosen.isTextual() && TenantId.isValid(chosen.asText())) {
                defaultWiki = new TenantId(chosen.asText());
            }
            for (JsonNode id : root.path("recent")) {
                if (id.isTextual() && TenantId.isValid(id.asText()) && recent.size() < KEPT) {
                    TenantId wiki = new TenantId(id.asText());
                    if (!recent.contains(wiki)) {
                        recent.add(wiki);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Ignoring {}, which cannot be read: {}", file, e.getMessage());
        }
    }

    private void write() {
        ObjectNode root = JSON.createObjectNode();
        root.put("default", defaultWiki == null ? null : defaultWiki.value());
        ArrayNode ids = root.putArray("recent");
        recent.forEach(id -> ids.add(id.value()));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), root);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            dirty = false;
            writtenAt = clock.millis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
