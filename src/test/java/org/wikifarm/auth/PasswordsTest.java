package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException.InvalidInput;

class PasswordsTest {
    private static final String PASSWORD = "correct horse battery staple";

    private final Passwords passwords = new Passwords();

    @Test
    void hashesWithArgon2idAndASalt() {
        String hash = passwords.hash(PASSWORD);
        String again = passwords.hash(PASSWORD);

        assertThat(hash).startsWith("$shiro2$argon2id$").doesNotContain(PASSWORD);
        assertThat(again).startsWith("$shiro2$argon2id$").isNotEqualTo(hash);
        assertThat(passwords.matches(PASSWORD, hash)).isTrue();
        assertThat(passwords.matches(PASSWORD, again)).isTrue();
    }

    @Test
    void matchesOnlyTheRightPassword() {
        String hash = passwords.hash(PASSWORD);

        assertThat(passwords.matches(PASSWORD, hash)).isTrue();
        assertThat(passwords.matches("correct horse battery stapl", hash)).isFalse();
        assertThat(passwords.matches("Correct horse battery staple", hash)).isFalse();
        assertThat(passwords.matches(PASSWORD + " ", hash)).isFalse();
        assertThat(passwords.matches("", hash)).isFalse();
    }

    @Test
    void aRememberedCheckStillAnswersCorrectly() {
        String hash = passwords.hash(PASSWORD);
        assertThat(passwords.matches(PASSWORD, hash)).isTrue();

        assertThat(passwords.matches(PASSWORD, hash)).isTrue();
        assertThat(passwords.matches(PASSWORD, hash)).isTrue();
        // Remembering a success must not let a wrong password through afterwards.
        assertThat(passwords.matches("wrong password", hash)).isFalse();
        assertThat(passwords.matches(PASSWORD, hash)).isTrue();
    }

    @Test
    void aChangedPasswordIsNotAnsweredFromMemory() {
        String oldHash = passwords.hash(PASSWORD);
        assertThat(passwords.matches(PASSWORD, oldHash)).isTrue();

        String newHash = passwords.hash("a completely new secret");

        assertThat(passwords.matches(PASSWORD, newHash)).isFalse();
        assertThat(passwords.matches("a completely new secret", newHash)).isTrue();
    }

    @Test
    void anotherInstanceVerifiesTheSameHash() {
        String hash = passwords.hash(PASSWORD);
        Passwords restarted = new Passwords();

        assertThat(restarted.matches(PASSWORD, hash)).isTrue();
        assertThat(restarted.matches("nope nope nope", hash)).isFalse();
    }

    @Test
    void strengthRules() {
        assertThat(Passwords.checkStrength("8chars!!")).isEqualTo("8chars!!");
        assertThat(Passwords.checkStrength("x".repeat(1024))).hasSize(1024);

        InvalidInput tooShort = catchThrowableOfType(InvalidInput.class, () -> Passwords.checkStrength("7chars!"));
        assertThat(tooShort.code()).isEqualTo("weak_password");
        assertThat(tooShort.getMessage()).isEqualTo("A password needs at least 8 characters.");

        InvalidInput missing = catchThrowableOfType(InvalidInput.class, () -> Passwords.checkStrength(null));
        assertThat(missing.code()).isEqualTo("weak_password");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> Passwords.checkStrength("")).code())
                .isEqualTo("weak_password");

        InvalidInput tooLong = catchThrowableOfType(InvalidInput.class,
                () -> Passwords.checkStrength("x".repeat(1025)));
        assertThat(tooLong.code()).isEqualTo("invalid_password");
        assertThat(tooLong.getMessage()).isEqualTo("A password may have at most 1024 characters.");
    }
}
