package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyFilterTest {
    private static Map<String, String[]> parse(String body) {
        return FormBodyFilter.parse(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void fieldsInOrderWithTheirValuesDecoded() {
        Map<String, String[]> fields = parse("csrf=ab&content=a+b%0Ac&b=1&b=2&flag&empty=&=x&&");
        assertThat(fields.keySet()).containsExactly("csrf", "content", "b", "flag", "empty", "");
        assertThat(fields.get("content")).containsExactly("a b\nc");
        assertThat(fields.get("b")).containsExactly("1", "2");
        assertThat(fields.get("flag")).containsExactly("");
        assertThat(fields.get("empty")).containsExactly("");
        assertThat(parse("")).isEmpty();
    }

    @Test
    void utf8IsDecodedStrictly() {
        assertThat(parse("t=Caf%C3%A9+%E2%9C%93").get("t")).containsExactly("Café ✓");
        assertThatThrownBy(() -> parse("t=%C3")).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> parse("t=%ED%A0%80")).hasMessageContaining("UTF-8"); // a lone surrogate
        assertThatThrownBy(() -> parse("t=%G1")).hasMessageContaining("hex");
        assertThatThrownBy(() -> parse("t=%4")).hasMessageContaining("hex");
    }

    @Test
    void theNumberOfFieldsIsBounded() {
        String many = "a=1&".repeat(FormBodyFilter.MAX_FIELDS);
        assertThat(parse(many).get("a")).hasSize(FormBodyFilter.MAX_FIELDS);
        assertThatThrownBy(() -> parse(many + "b=2")).hasMessageContaining("more than");
    }

    @Test
    void aLargeBodyIsParsedInOnePass() {
        // Tomcat's own form parsing stops at 2 MB; ours has only the body limit.
        String big = "x".repeat(6 * 1024 * 1024);
        assertThat(parse("csrf=t&content=" + big).get("content")[0]).hasSize(big.length());
    }
}
