package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wikifarm.config.Settings;
import org.wikifarm.store.MovableClock;

class SignInTicketsTest {
    private static final String HOST = "docs.example.test";
    private static final String NONCE = "0123456789abcdef0123456789abcdef";

    private final MovableClock clock = new MovableClock();
    private final SignInTickets tickets = new SignInTickets(clock, new Settings.SignIn(60, 3));

    @Test
    void aTicketSignsInOnceOnItsHostWithItsNonce() {
        String ticket = tickets.issue(7, "family", HOST, NONCE);

        assertThat(ticket).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(tickets.redeem(ticket, HOST, NONCE)).contains(new SignInTickets.Claim(7, "family"));
        assertThat(tickets.redeem(ticket, HOST, NONCE)).as("used up").isEmpty();
        assertThat(tickets.pending()).isZero();
    }

    @Test
    void anotherHostOrNonceGetsNothingAndUsesTheTicketUp() {
        String onOtherHost = tickets.issue(7, "f", HOST, NONCE);
        String withOtherNonce = tickets.issue(7, "f", HOST, NONCE);

        assertThat(tickets.redeem(onOtherHost, "evil.example.test", NONCE)).isEmpty();
        assertThat(tickets.redeem(withOtherNonce, HOST, "ffffffffffffffffffffffffffffffff")).isEmpty();
        assertThat(tickets.redeem(withOtherNonce, HOST, NONCE)).as("a guess at the nonce burns the ticket").isEmpty();
        assertThat(tickets.redeem(onOtherHost, HOST, NONCE)).isEmpty();
        assertThat(tickets.redeem(tickets.issue(7, "f", HOST, NONCE), HOST, null)).isEmpty();
        assertThat(tickets.redeem(null, HOST, NONCE)).isEmpty();
        assertThat(tickets.redeem("not-a-ticket", HOST, NONCE)).isEmpty();
    }

    @Test
    void aTicketExpires() {
        String ticket = tickets.issue(7, "f", HOST, NONCE);
        clock.advance(Duration.ofSeconds(59));
        String fresh = tickets.issue(7, "f", HOST, NONCE);

        clock.advance(Duration.ofSeconds(1));

        assertThat(tickets.redeem(ticket, HOST, NONCE)).isEmpty();
        assertThat(tickets.redeem(fresh, HOST, NONCE)).isPresent();
    }

    @Test
    void eachPersonHoldsAFewTicketsAndExpiredOnesAreDropped() {
        String first = tickets.issue(7, "f", HOST, NONCE);
        for (int i = 0; i < 3; i++) {
            tickets.issue(7, "f", HOST, NONCE);
        }
        tickets.issue(8, "g", HOST, NONCE);

        assertThat(tickets.pending()).isEqualTo(4);
        assertThat(tickets.redeem(first, HOST, NONCE)).as("the oldest of four was dropped").isEmpty();

        clock.advance(Duration.ofSeconds(61));
        tickets.issue(9, "h", HOST, NONCE);
        assertThat(tickets.pending()).as("only the new one is left").isEqualTo(1);
    }
}
