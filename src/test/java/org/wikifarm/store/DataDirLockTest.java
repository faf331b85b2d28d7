package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.WikifarmException;

/** The data folder's lock: one holder at a time, named in the refusal; released on close, taken again after. */
class DataDirLockTest {
    @TempDir
    Path data;

    @Test
    void oneHolderAtATime() {
        assertThat(DataDirLock.isHeld(data)).isFalse();
        assertThat(Files.exists(DataDirLock.file(data))).as("asking creates nothing").isFalse();
        try (DataDirLock server = DataDirLock.take(data, "the Wikifarm server")) {
            assertThat(DataDirLock.isHeld(data)).isTrue();
            assertThatThrownBy(() -> DataDirLock.take(data, "wikifarm import"))
                    .isInstanceOfSatisfying(WikifarmException.Conflict.class, e -> {
                        assertThat(e.code()).isEqualTo("data_dir_locked");
                        assertThat(e.getMessage()).contains("in use by the Wikifarm server (process "
                                + ProcessHandle.current().pid() + ")");
                    });
        }
        assertThat(DataDirLock.isHeld(data)).isFalse();
        // A redeploy: the next deployment takes it again once the last one released it.
        for (int deploy = 0; deploy < 3; deploy++) {
            DataDirLock.take(data, "the Wikifarm server").close();
        }
    }
}
