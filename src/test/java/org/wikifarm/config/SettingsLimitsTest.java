package org.wikifarm.config;

import org.wikifarm.error.WikifarmException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException.InvalidInput;

class SettingsLimitsTest {
    private static final List<String> KEYS = List.of("maxPageBytes", "maxMessageChars", "maxNameChars", "maxListBytes",
            "maxListItems", "wikisPerAccount", "tokensPerWiki", "draftsPerUser", "mcpSessionsPerToken",
            "mcpSessionsMax", "mcpSessionIdleMinutes");

    private final Map<String, String> container = new HashMap<>();

    /** Environment variables and system properties outrank the container; these tests need neither set. */
    @BeforeEach
    void noOutsideOverrides() {
        for (String key : KEYS) {
            String env = "WIKIFARM_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
            assumeTrue(System.getenv(env) == null, env + " is set in this environment");
            assumeTrue(System.getProperty(Settings.PREFIX + key) == null, "-Dwikifarm." + key + " is set");
        }
    }

    @Test
    void defaults() {
        Settings.Limits limits = Settings.load(key -> null).limits();

        assertThat(limits).isEqualTo(Settings.Limits.DEFAULT);
        assertThat(limits.maxPageBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(limits.maxMessageChars()).isEqualTo(2_000);
        assertThat(limits.maxListBytes()).isEqualTo(1024L * 1024);
        assertThat(limits.maxListItems()).isEqualTo(1_000);
        assertThat(limits.wikisPerAccount()).isEqualTo(20);
        assertThat(limits.tokensPerWiki()).isEqualTo(50);
        assertThat(limits.draftsPerUser()).isEqualTo(100);
        assertThat(limits.mcpSessionsPerToken()).isEqualTo(20);
        assertThat(limits.mcpSessionsMax()).isEqualTo(2_000);
        assertThat(limits.mcpSessionIdleMinutes()).isEqualTo(30);
    }

    @Test
    void everyKeyIsReadFromTheContainer() {
        long value = 300_000;
        for (String key : KEYS) {
            container.put(Settings.PREFIX + key, key.startsWith("mcpSessionIdle") ? "60"
                    : key.equals("maxMessageChars") ? "5000" : key.equals("maxNameChars") ? "200"
                    : Long.toString(value++));
        }

        Settings.Limits limits = Settings.load(container::get).limits();

        assertThat(limits.maxPageBytes()).isEqualTo(300_000);
        assertThat(limits.maxMessageChars()).isEqualTo(5_000);
        assertThat(limits.maxNameChars()).isEqualTo(200);
        assertThat(limits.mcpSessionIdleMinutes()).isEqualTo(60);
        assertThat(limits.mcpSessionsMax()).isGreaterThan(limits.mcpSessionsPerToken());
    }

    @Test
    void valuesOutOfRangeNameTheKey() {
        for (Map.Entry<String, String> bad : Map.of("maxPageBytes", "10", "maxMessageChars", "20000",
                "maxListBytes", "1000", "tokensPerWiki", "0", "mcpSessionIdleMinutes", "0",
                "mcpSessionsMax", "5").entrySet()) {
            container.clear();
            container.put(Settings.PREFIX + bad.getKey(), bad.getValue());

            InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> Settings.load(container::get));

            assertThat(refused).as(bad.getKey()).isNotNull();
            assertThat(refused.code()).isEqualTo("invalid_setting");
            assertThat(refused.getMessage()).startsWith(bad.getKey());
        }
    }
}
