package org.wikifarm.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.TenantId;

/** Old copies of moved wikis, on real wiki folders: kept for the grace period, then removed; never a wiki held here. */
class MovedCopiesTest {
    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private OpenWikis wikis;
    private MovedCopies copies;

    @BeforeEach
    void open() {
        wikis = new OpenWikis(dir.resolve("wikis"), 8, clock);
        copies = new MovedCopies(dir.resolve("instance/moved"), wikis, clock, Duration.ofHours(1));
    }

    @AfterEach
    void close() {
        wikis.close();
    }

    @Test
    void anOldCopyStaysForTheGracePeriodThenGoes() {
        TenantId moved = TenantId.generate();
        TenantId kept = TenantId.generate();
        wikis.create(moved);
        wikis.create(kept);
        copies.movedAway(moved);
        assertThat(copies.isOldCopy(moved)).isTrue();
        assertThat(copies.isOldCopy(kept)).isFalse();

        now.set(now.get().plus(Duration.ofMinutes(59)));
        assertThat(copies.sweep(wiki -> false)).isZero();
        assertThat(wikis.exists(moved)).isTrue();

        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(copies.sweep(wiki -> false)).isEqualTo(1);
        assertThat(wikis.exists(moved)).isFalse();
        assertThat(copies.isOldCopy(moved)).isFalse();
        assertThat(wikis.exists(kept)).as("a wiki never marked is never touched").isTrue();
    }

    @Test
    void aWikiThatCameBackKeepsItsFiles() {
        TenantId back = TenantId.generate();
        wikis.create(back);
        copies.movedAway(back);
        now.set(now.get().plus(Duration.ofDays(2)));
        assertThat(copies.sweep(wiki -> wiki.equals(back))).isZero();
        assertThat(wikis.exists(back)).isTrue();
        assertThat(copies.isOldCopy(back)).as("its mark is gone: it is this node's again").isFalse();
    }
}
