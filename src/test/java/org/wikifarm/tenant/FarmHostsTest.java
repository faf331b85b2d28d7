package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikifarm.error.WikifarmException.InvalidInput;

class FarmHostsTest {
    private static final Wiki WIKI = new Wiki(TenantId.generate(), 1, new Username("alice"), new Slug("notes"), null,
            "Notes", true, PaymentStatus.FREE, Instant.parse("2026-01-01T00:00:00Z"), null, 0);

    private final FarmHosts hosts = new FarmHosts("farm.test", new WikiDirectory() {
        @Override
        public Optional<Wiki> findByOwnerAndSlug(Username owner, Slug slug) {
            return Optional.empty();
        }

        @Override
        public Optional<Wiki> findByCustomSlug(Slug customSlug) {
            return Optional.empty();
        }

        @Override
        public Optional<Wiki> findByDomain(String domain) {
            return domain.equals("docs.example.com") ? Optional.of(WIKI) : Optional.empty();
        }

        @Override
        public boolean userExists(Username username) {
            return false;
        }
    });

    @Test
    void knowsWhichHostsAreTheFarms() {
        assertThat(hosts.kindOf("farm.test")).isEqualTo(FarmHosts.Kind.PLATFORM);
        assertThat(hosts.kindOf("WWW.Farm.Test:8080")).isEqualTo(FarmHosts.Kind.PLATFORM);
        assertThat(hosts.kindOf("alice.farm.test")).isEqualTo(FarmHosts.Kind.SUBDOMAIN);
        assertThat(hosts.kindOf("docs.example.com:443")).isEqualTo(FarmHosts.Kind.CUSTOM_DOMAIN);
        assertThat(hosts.kindOf("www.docs.example.com")).isEqualTo(FarmHosts.Kind.CUSTOM_DOMAIN);
        for (String foreign : new String[] {"evil.test", "evilfarm.test", "farm.test.evil.test", "example.com", "",
                "[::1]:8080", "127.0.0.1"}) {
            assertThat(hosts.kindOf(foreign)).as(foreign).isEqualTo(FarmHosts.Kind.FOREIGN);
        }
        assertThat(new FarmHosts(null, null).kindOf("anything.test")).isEqualTo(FarmHosts.Kind.PLATFORM);
    }

    @Test
    void aCustomDomainIsLowercasedAndLosesATrailingDot() {
        assertThat(hosts.checkCustomDomain(" Docs.Example.COM. ")).isEqualTo("docs.example.com");
        assertThat(hosts.checkCustomDomain("xn--bcher-kva.example")).isEqualTo("xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "127.0.0.1", "docs..example.com", "-docs.example.com",
            "docs-.example.com", "do_cs.example.com", "docs.example.com/x", "bücher.example", "www.example.com",
            "api.example.com", "farm.test", "alice.farm.test", "a.b.farm.test", "docs.example.com:8080"})
    void refusesWhatCannotBeACustomDomain(String domain) {
        assertThatThrownBy(() -> hosts.checkCustomDomain(domain))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).code()).isEqualTo("invalid_domain");
    }

    @Test
    void refusesOverlongDomains() {
        assertThatThrownBy(() -> hosts.checkCustomDomain(("a".repeat(63) + ".").repeat(4) + "com"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> hosts.checkCustomDomain("a".repeat(64) + ".com")).isInstanceOf(InvalidInput.class);
    }
}
