package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Username;

/**
 * Which credentials each door takes, as {@link Permissions#refusal} decides: the platform takes people (session,
 * password, proxy) and never a wiki's token; a wiki takes people and its own tokens; its MCP endpoint takes nothing
 * but its own tokens, so no browser session, password or proxy header can drive it.
 */
class DoorPolicyTest {
    private static final TenantId WIKI = TenantId.generate();
    private static final TenantId OTHER = TenantId.generate();
    private static final Caller PERSON = new Caller(new User(7, new Username("alice"), null, null, false, false,
            Instant.now()));
    private static final Caller ADMIN = new Caller(new User(1, new Username("boss"), null, null, true, false,
            Instant.now()));
    private static final Caller TOKEN = Caller.of(new ApiToken("aaaaaaaaaaaaaaaa", WIKI, "bot", Role.EDITOR, 7L,
            Instant.now(), null));
    private static final Caller OTHER_TOKEN = Caller.of(new ApiToken("bbbbbbbbbbbbbbbb", OTHER, "bot", Role.EDITOR,
            7L, Instant.now(), null));

    @Test
    void thePlatformTakesPeopleAndNoToken() {
        assertThat(Permissions.refusal(Door.PLATFORM, Caller.ANONYMOUS, null)).isEmpty();
        assertThat(Permissions.refusal(Door.PLATFORM, PERSON, null)).isEmpty();
        assertThat(Permissions.refusal(Door.PLATFORM, ADMIN, null)).isEmpty();
        assertThat(Permissions.refusal(Door.PLATFORM, TOKEN, null)).contains("This token belongs to another wiki.");
    }

    @Test
    void aWikiTakesPeopleAndItsOwnTokens() {
        assertThat(Permissions.refusal(Door.WIKI, Caller.ANONYMOUS, WIKI)).isEmpty();
        assertThat(Permissions.refusal(Door.WIKI, PERSON, WIKI)).isEmpty();
        assertThat(Permissions.refusal(Door.WIKI, TOKEN, WIKI)).isEmpty();
        assertThat(Permissions.refusal(Door.WIKI, OTHER_TOKEN, WIKI)).contains("This token belongs to another wiki.");
    }

    @Test
    void mcpTakesNothingButTheWikisOwnTokens() {
        assertThat(Permissions.refusal(Door.MCP, TOKEN, WIKI)).isEmpty();
        assertThat(Permissions.refusal(Door.MCP, OTHER_TOKEN, WIKI)).isPresent();
        assertThat(Permissions.refusal(Door.MCP, Caller.ANONYMOUS, WIKI).orElseThrow()).startsWith("Send a bearer token");
        assertThat(Permissions.refusal(Door.MCP, PERSON, WIKI).orElseThrow())
                .startsWith("Only a bearer token of this wiki");
        assertThat(Permissions.refusal(Door.MCP, ADMIN, WIKI)).as("not even a platform admin's session").isPresent();
    }
}
