package org.wikifarm.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikifarm.error.WikifarmException.InvalidInput;

class StrictUtf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"{\"content\":\"\\ud800\"}", "{\"content\":\"\\udc00\"}", "{\"content\":\"x\\uD83Dy\"}",
            "{\"content\":\"\\ud83d\\u0041\"}", "{\"content\":\"\\ud83d\\ud83d\\ude00\"}", "{\"content\":\"\\ude00\\ud83d\"}",
            "{\"content\":\"\\\\\\ud800\"}", "{\"\\ud800\":1}", "{\"content\":\"ok\\ud83d\"}"})
    void loneSurrogateEscapesAreRefused(String json) {
        assertThatThrownBy(() -> StrictUtf8.checkEscapes(json))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("lone UTF-16 surrogate")
                .extracting(e -> ((InvalidInput) e).code()).isEqualTo("invalid_unicode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"content\":\"\\ud83d\\ude00\"}", "{\"content\":\"\\uD83D\\uDE00 and \\u00e9\"}",
            "{\"content\":\"\\\\ud800\"}", "{\"content\":\"\\\\\\\\ud800\"}", "{\"content\":\"plain \\n \\\" \\\\\"}",
            "{\"content\":\"😀\"}", "{\"content\":\"trailing \\\\\"}", "{\"content\":\"\\u12\"}", "\\"})
    void pairsEscapedBackslashesAndMalformedEscapesAreLeftAlone(String json) {
        assertThatCode(() -> StrictUtf8.checkEscapes(json)).doesNotThrowAnyException();
    }
}
