package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.PushedFiles.Kind;

class PushedFilesTest {
    private static final long MAX = 1000;

    private static PagePath check(String path, Kind kind, long bytes) {
        return PushedFiles.check(path.getBytes(StandardCharsets.UTF_8), kind, bytes, MAX);
    }

    private static void refused(String path, Kind kind, long bytes, String... words) {
        assertThatThrownBy(() -> check(path, kind, bytes)).isInstanceOf(WikifarmException.class)
                .message().contains(words);
    }

    @Test
    void pagesPass() {
        assertThat(check("Home.md", Kind.FILE, 10)).isEqualTo(new PagePath("Home"));
        assertThat(check("projects/2026/Café plan.md", Kind.FILE, MAX)).isEqualTo(new PagePath("projects/2026/Café plan"));
        assertThat(check("run.md", Kind.EXECUTABLE, 1)).isEqualTo(new PagePath("run"));
    }

    @Test
    void hostilePathsAreRefusedNamingTheFile() {
        refused("../x.md", Kind.FILE, 1, "'../x.md'", "'..'");
        refused(".git/config", Kind.FILE, 1, "'.git/config'");
        refused("a/.git/x.md", Kind.FILE, 1, "'a/.git/x.md'", "may not start with '.'");
        refused(".hidden.md", Kind.FILE, 1, "'.hidden.md'");
        refused("a\u0001b.md", Kind.FILE, 1, "'a\\u0001b.md'", "control characters");
        refused("x".repeat(300) + ".md", Kind.FILE, 1, "at most 255 bytes");
        refused("a\u202eb.md", Kind.FILE, 1, "does not show");
        refused("-/x.md", Kind.FILE, 1, "'-'");
        refused("back\\slash.md", Kind.FILE, 1, "backslash");
    }

    @Test
    void namesNotInNfcAreRefused() {
        refused("Cafe\u0301.md", Kind.FILE, 1, "NFC");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] raw = {'a', (byte) 0xff, 'b', '.', 'm', 'd'};
        assertThatThrownBy(() -> PushedFiles.check(raw, Kind.FILE, 1, MAX)).isInstanceOf(WikifarmException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void symlinksSubmodulesAndOtherFilesAreRefused() {
        refused("Link.md", Kind.SYMLINK, 1, "'Link.md'", "symbolic links");
        refused("vendor", Kind.SUBMODULE, 0, "'vendor'", "submodules");
        refused("script.sh", Kind.FILE, 1, "'script.sh'", "only pages");
        assertThatThrownBy(() -> PushedFiles.check("script.sh".getBytes(StandardCharsets.UTF_8), Kind.FILE, 1, MAX, MAX))
                .hasMessageContaining("in the folder of the page");
        refused(".md", Kind.FILE, 1, "only pages");
        refused("weird.md", Kind.OTHER, 1, "regular files");
    }

    @Test
    void filesOverThePageLimitAreRefusedWithTheirSize() {
        assertThatThrownBy(() -> check("Big.md", Kind.FILE, MAX + 1))
                .isInstanceOf(WikifarmException.TooLarge.class)
                .hasMessageContaining("'Big.md'").hasMessageContaining("1,001").hasMessageContaining("1,000");
    }

    @Test
    void longNamesAreCutInMessages() {
        String name = "a/".repeat(600) + "x.md";
        assertThatThrownBy(() -> check(name, Kind.FILE, 1)).message().hasSizeLessThan(400);
    }

    @Test
    void filesBesidePagesPassWithinTheirOwnLimit() {
        assertThat(PushedFiles.check("Folder/Page/diagram.png".getBytes(StandardCharsets.UTF_8), Kind.FILE, 5000,
                MAX, 10_000)).isEqualTo(new PagePath("Folder/Page"));
        assertThatThrownBy(() -> PushedFiles.check("Page/big.bin".getBytes(StandardCharsets.UTF_8), Kind.FILE,
                10_001, MAX, 10_000)).hasMessageContaining("'Page/big.bin' has 10,001 bytes");
        for (String hostile : new String[] {"Page/CON.txt", "Page/.hidden", "Page/x\u0001.png", "../Page/a.png",
            "Page/a:b.png", "logo.png"}) {
            assertThatThrownBy(() -> PushedFiles.check(hostile.getBytes(StandardCharsets.UTF_8), Kind.FILE, 1, MAX,
                    10_000)).as(hostile).isInstanceOf(WikifarmException.class).hasMessageContaining("Cannot store");
        }
    }
}
