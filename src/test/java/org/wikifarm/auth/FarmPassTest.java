package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FarmPassTest {
    private static final String SECRET = "farm-pass-test-secret-0123456789abcdef";
    private final Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final FarmPass passes = new FarmPass(SECRET, Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void aPassSaysWhoAndWithWhichPassword() {
        String pass = passes.issue(42, "0123abcd");
        assertThat(passes.read(pass)).contains(new FarmPass.Claim(42, "0123abcd"));
        assertThat(passes.read(passes.issue(7, "-"))).contains(new FarmPass.Claim(7, "-"));
    }

    @Test
    void anythingChangedOrSignedByAnotherFarmIsRefused() {
        String pass = passes.issue(42, "0123abcd");
        assertThat(passes.read(pass.replace("v1.42.", "v1.43."))).isEmpty();
        assertThat(passes.read(pass.substring(0, pass.length() - 1) + (pass.endsWith("0") ? "1" : "0"))).isEmpty();
        assertThat(new FarmPass(SECRET + "x", Clock.fixed(now, ZoneOffset.UTC)).read(pass)).isEmpty();
        for (String junk : new String[] {null, "", ".", "v1", "v1.42.x.y.z", "a".repeat(5_000), "v2.42.1.s.mac",
                "v1.42.1.s.t.mac"}) {
            assertThat(passes.read(junk)).as(String.valueOf(junk)).isEmpty();
        }
    }

    @Test
    void anOldPassOrOneFromTheFutureIsRefused() {
        String pass = passes.issue(42, "s");
        Clock later = Clock.fixed(now.plus(FarmPass.LIFETIME).plus(Duration.ofSeconds(1)), ZoneOffset.UTC);
        assertThat(new FarmPass(SECRET, later).read(pass)).isEmpty();
        Clock earlier = Clock.fixed(now.minus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        assertThat(new FarmPass(SECRET, earlier).read(pass)).isEmpty();
        Clock withinLifetime = Clock.fixed(now.plus(Duration.ofDays(13)), ZoneOffset.UTC);
        assertThat(new FarmPass(SECRET, withinLifetime).read(pass)).isPresent();
    }
}
