package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Types come from the bytes: only raster images and plain text are inline; markup, PDF and the unknown are not. */
class ContentTypesTest {
    private static ContentTypes.Detected of(String text) {
        return ContentTypes.detect(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rasterImagesByTheirMagicNumbers() {
        assertThat(ContentTypes.detect(AttachmentsTest.png(2, 2))).isEqualTo(
                new ContentTypes.Detected("image/png", true, true));
        assertThat(ContentTypes.detect(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}).mime())
                .isEqualTo("image/jpeg");
        assertThat(of("GIF89a....").mime()).isEqualTo("image/gif");
        assertThat(of("RIFF\0\0\0\0WEBPVP8 ").mime()).isEqualTo("image/webp");
    }

    @Test
    void activeContentIsNeverInlineWhateverItIsCalled() {
        assertThat(of("<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>"))
                .isEqualTo(new ContentTypes.Detected("image/svg+xml", false, false));
        assertThat(of("  <?xml version='1.0'?><a/>").mime()).isEqualTo("application/xml");
        assertThat(of("Hello <SCRIPT>alert(1)</SCRIPT>").mime()).isEqualTo("text/html");
        assertThat(of("<!DOCTYPE html><p>x").inline()).isFalse();
        assertThat(of("%PDF-1.7\n...").mime()).isEqualTo("application/pdf");
        assertThat(ContentTypes.detect(new byte[] {0, 1, 2, 3}).mime()).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.detect(new byte[] {(byte) 0xc3, 0x28}).inline()).isFalse();
        // Markup after the first kilobyte is not looked at, and plain text with nosniff does not run anyway.
        assertThat(of("a".repeat(ContentTypes.SAMPLE) + "<script>").mime()).startsWith("text/plain");
    }

    @Test
    void plainUtf8TextIsInlineEvenWhenCutInTheMiddleOfACharacter() {
        assertThat(of("plain words, café")).isEqualTo(
                new ContentTypes.Detected("text/plain; charset=utf-8", true, false));
        assertThat(of("x".repeat(ContentTypes.SAMPLE - 1) + "é and more").inline()).isTrue();
    }
}
