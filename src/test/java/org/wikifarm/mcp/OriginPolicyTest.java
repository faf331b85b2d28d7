package org.wikifarm.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy pathMode = new OriginPolicy(false);
    private final OriginPolicy hostMode = new OriginPolicy(true);

    @Test
    void noOriginIsAClientThatIsNotABrowser() {
        assertThat(pathMode.allows(null, "anything.example")).isTrue();
        assertThat(hostMode.allows(null, null)).isTrue();
    }

    @Test
    void theOriginMustBeTheHostTheRequestWasSentTo() {
        assertThat(pathMode.allows("http://localhost:8080", "localhost:8080")).isTrue();
        assertThat(pathMode.allows("http://127.0.0.1:18380", "127.0.0.1:18380")).isTrue();
        assertThat(pathMode.allows("http://[::1]:8080", "[::1]:8080")).isTrue();
        assertThat(pathMode.allows("http://LOCALHOST", "localhost:80")).isTrue();
        assertThat(pathMode.allows("http://localhost:8081", "localhost:8080")).isFalse();
        assertThat(pathMode.allows("http://evil.example.com", "localhost:8080")).isFalse();
        assertThat(hostMode.allows("https://alice.farm.example", "alice.farm.example")).isTrue();
        assertThat(hostMode.allows("https://alice.farm.example", "alice.farm.example:443")).isTrue();
        assertThat(hostMode.allows("https://evil.example", "alice.farm.example")).isFalse();
    }

    @Test
    void inPathModeOnlyLoopbackNamesCountBecauseAnyHostReachesAWiki() {
        assertThat(pathMode.allows("http://evil.example.com", "evil.example.com")).isFalse();
        assertThat(hostMode.allows("http://evil.example.com", "evil.example.com")).isTrue();
    }

    @Test
    void malformedOriginsAreRefused() {
        for (String origin : new String[] {"null", "", "file://", "http://localhost:8080/path", "ftp://localhost",
                "http://user@localhost:8080", "localhost:8080", "http://localhost:8080?x"}) {
            assertThat(pathMode.allows(origin, "localhost:8080")).as(origin).isFalse();
        }
        assertThat(pathMode.allows("http://localhost", null)).isFalse();
        assertThat(pathMode.allows("http://localhost", ":80")).isFalse();
        assertThat(pathMode.allows("http://localhost", "localhost:x")).isFalse();
    }
}
