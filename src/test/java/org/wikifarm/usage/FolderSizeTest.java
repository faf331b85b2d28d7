package org.wikifarm.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSizeTest {
    @TempDir
    Path dir;

    @Test
    void addsEveryRegularFileBelowTheFolder() throws Exception {
        Files.write(dir.resolve("wiki.db"), new byte[1000]);
        Files.write(dir.resolve("wiki.db-wal"), new byte[24]);
        Files.createDirectories(dir.resolve("repo.git/objects/ab"));
        Files.write(dir.resolve("repo.git/objects/ab/cdef"), new byte[300]);
        Files.createDirectories(dir.resolve("index"));
        assertThat(FolderSize.of(dir)).isEqualTo(1324);
    }

    @Test
    void doesNotFollowLinksOutOfTheFolder(@TempDir Path outside) throws Exception {
        Files.write(outside.resolve("big"), new byte[5000]);
        Files.write(dir.resolve("small"), new byte[7]);
        Files.createSymbolicLink(dir.resolve("link"), outside);
        Files.createSymbolicLink(dir.resolve("file-link"), outside.resolve("big"));
        assertThat(FolderSize.of(dir)).isEqualTo(7);
    }
}
