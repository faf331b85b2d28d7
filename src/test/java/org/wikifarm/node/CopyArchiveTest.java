package org.wikifarm.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.WikifarmException;

class CopyArchiveTest {
    @TempDir
    Path dir;

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void writesTheMoveSnapshotAndTheWikisOwnSnapshotsAndReadsThemBack() throws IOException {
        Path wiki = dir.resolve("wiki");
        for (String id : new String[] {"20261206T120000000Z", "20261206T110000000Z"}) {
            Path snapshot = wiki.resolve("snapshots").resolve(id);
            Files.createDirectories(snapshot);
            Files.writeString(snapshot.resolve("manifest.json"), "{\"id\":\"" + id + "\"}");
            Files.writeString(snapshot.resolve("wiki.db"), "db " + id);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyArchive.write(wiki, "20261206T120000000Z", out);

        Path into = dir.resolve("received");
        CopyArchive.read(new ByteArrayInputStream(out.toByteArray()), into, 1 << 20);
        assertThat(Files.readString(into.resolve("move/wiki.db"))).isEqualTo("db 20261206T120000000Z");
        assertThat(Files.readString(into.resolve("snapshots/20261206T110000000Z/wiki.db")))
                .isEqualTo("db 20261206T110000000Z");
        assertThat(into.resolve("snapshots/20261206T120000000Z")).as("the move's own snapshot travels once")
                .doesNotExist();
    }

    @Test
    void refusesNamesOutsideTheLayout() {
        for (String name : new String[] {"../evil", "move/../../evil", "move/other.txt", "/etc/passwd",
                "snapshots/not-an-id/wiki.db", "snapshots/20261206T110000000Z/../../x", "move/sub/wiki.db"}) {
            assertThatThrownBy(() -> CopyArchive.read(new ByteArrayInputStream(zip(name, "x")),
                    dir.resolve("r" + name.hashCode()), 1 << 20))
                    .as(name).isInstanceOf(WikifarmException.InvalidInput.class)
                    .hasMessageContaining("unexpected file");
        }
        assertThat(dir.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void refusesACopyLargerThanTheBoundAndOneWithoutItsSnapshot() {
        assertThatThrownBy(() -> CopyArchive.read(new ByteArrayInputStream(zip("move/manifest.json", "{}",
                "move/wiki.db", "x".repeat(5_000))), dir.resolve("big"), 1_000))
                .isInstanceOf(WikifarmException.InvalidInput.class).hasMessageContaining("larger");
        assertThatThrownBy(() -> CopyArchive.read(new ByteArrayInputStream(zip("snapshots/20261206T110000000Z/wiki.db",
                "x")), dir.resolve("none"), 1_000))
                .isInstanceOf(WikifarmException.InvalidInput.class).hasMessageContaining("no snapshot");
    }
}
