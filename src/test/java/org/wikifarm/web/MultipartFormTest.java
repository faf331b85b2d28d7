package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartFormTest {
    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void fieldsAndFilesWithTheirNames() {
        MultipartForm form = MultipartForm.parse(body("--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
                + "abc\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".png\"\r\n"
                + "Content-Type: image/png\r\n\r\n\u0089PNG\r\n--B\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"\"\r\n\r\n\r\n--B--\r\n"), "B");

        assertThat(form.fields().get("csrf")).containsExactly("abc");
        assertThat(form.files()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo("a \"b\".png");
            assertThat(file.content()).containsExactly(0x89, 'P', 'N', 'G');
        });
        assertThat(MultipartForm.boundary("multipart/form-data; boundary=\"xyz\"")).isEqualTo("xyz");
        assertThat(MultipartForm.boundary("multipart/form-data")).isNull();
    }

    @Test
    void aCutOffOrMalformedBodyIsRefused() {
        assertThatThrownBy(() -> MultipartForm.parse(body("--B\r\nContent-Disposition: form-data; name=\"f\";"
                + " filename=\"x\"\r\n\r\nhalf of a fi"), "B")).hasMessageContaining("cut off");
        assertThatThrownBy(() -> MultipartForm.parse(body("no parts"), "B")).hasMessageContaining("no parts");
        assertThatThrownBy(() -> MultipartForm.parse(body("--B\r\nX-Other: 1\r\n\r\nv\r\n--B--"), "B"))
                .hasMessageContaining("no name");
    }

    @Test
    void theSearchIsLinear() {
        byte[] haystack = new byte[200_000];
        java.util.Arrays.fill(haystack, (byte) '-');
        assertThat(MultipartForm.indexOf(haystack, body("\r\n--" + "-".repeat(60) + "x"), 0)).isEqualTo(-1);
    }
}
