package org.wikifarm.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;

/**
 * What each finished import created, one JSON file per import in {@code data/instance/imports/<id>.json}: the wiki
 * and the accounts it made. {@code wikifarm import --undo <id>} reads it back to remove exactly those.
 */
public final class ImportRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path folder;

    /** @param id the import's id ({@code imp-<wiki id>}) */
    public record Entry(String id, String at, String source, String wikiId, String owner, String slug,
                        List<Long> createdUsers) {
    }

    public ImportRecords(Path dataDir) {
        this.folder = dataDir.resolve("instance").resolve("imports");
    }

    /** Writes the record (aside, then renamed into place) and returns its id. */
    String write(Entry entry) {
        String id = "imp-" + entry.wikiId();
        Entry stored = new Entry(id, entry.at(), entry.source(), entry.wikiId(), entry.owner(), entry.slug(),
                entry.createdUsers());
        try {
            Files.createDirectories(folder);
            Path temp = folder.resolve(id + ".json.new");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), stored);
            Files.move(temp, folder.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the import: " + e.getMessage(), e);
        }
    }

    public Entry read(String id) {
        Path file = file(id);
        if (!Files.isRegularFile(file)) {
            throw new WikifarmException.NotFound("import_not_found", "There is no import '" + id + "' to undo"
                    + " (wikifarm import --list shows them).");
        }
        try {
            return JSON.readValue(file.toFile(), Entry.class);
        } catch (IOException e) {
            throw new WikifarmException.InvalidInput("unreadable_import_record", "Cannot read " + file + ": "
                    + e.getMessage());
        }
    }

    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                entries.add(JSON.readValue(file.toFile(), Entry.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    void delete(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String id) {
        if (id == null || !id.startsWith("imp-") || !TenantId.isValid(id.substring(4))) {
            throw new WikifarmException.InvalidInput("invalid_import_id", "An import id looks like imp-<wiki id>.");
        }
        return folder.resolve(id + ".json");
    }
}
