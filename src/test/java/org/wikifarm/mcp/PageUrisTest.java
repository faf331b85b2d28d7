package org.wikifarm.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.TenantId;

class PageUrisTest {
    private final TenantId wiki = new TenantId("abcdefgh2345");

    @Test
    void roundTripsPathsWithFoldersSpacesAndUnicode() {
        for (String path : new String[] {"Home", "projects/2026/plan", "Meeting notes/Q1 review", "Café/naïve?#%"}) {
            String uri = PageUris.of(wiki, new PagePath(path));
            assertThat(uri).startsWith("wiki://abcdefgh2345/").doesNotContain(" ", "?", "#");
            assertThat(PageUris.pathIn(uri, wiki)).contains(new PagePath(path));
        }
        assertThat(PageUris.of(wiki, new PagePath("a b/c"))).isEqualTo("wiki://abcdefgh2345/a%20b/c");
    }

    @Test
    void anotherWikisUriOrAnInvalidPathNamesNothing() {
        assertThat(PageUris.pathIn("wiki://bbbbbbbbbbbb/Home", wiki)).isEmpty();
        assertThat(PageUris.pathIn("wiki://abcdefgh2345/../x", wiki)).isEmpty();
        assertThat(PageUris.pathIn("wiki://abcdefgh2345/%zz", wiki)).isEmpty();
        assertThat(PageUris.pathIn("wiki://abcdefgh2345/", wiki)).isEmpty();
        assertThat(PageUris.pathIn("https://abcdefgh2345/Home", wiki)).isEmpty();
    }

    @Test
    void theTemplateMatchesPathsWithSlashes() {
        var template = new PageUris.Templates().create(PageUris.TEMPLATE);
        assertThat(template.matches("wiki://abcdefgh2345/projects/2026/plan")).isTrue();
        assertThat(template.matches("wiki://abcdefgh2345/")).isFalse();
        assertThat(template.matches("other://x/y")).isFalse();
        assertThat(template.extractVariableValues("wiki://abcdefgh2345/a/b"))
                .isEqualTo(Map.of("wiki", "abcdefgh2345", "path", "a/b"));
    }
}
