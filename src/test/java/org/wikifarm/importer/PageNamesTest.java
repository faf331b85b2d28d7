package org.wikifarm.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Otterwiki's lowercased files get the names Otterwiki showed for them; attachments move with their page. */
class PageNamesTest {
    @Test
    void titleCaseAsPythonsTitleWithOtterwikisApostrophe() {
        assertThat(PageNames.titleCase("project plan")).isEqualTo("Project Plan");
        assertThat(PageNames.titleCase("don't panic")).isEqualTo("Don't Panic");
        assertThat(PageNames.titleCase("a-team 2nd")).isEqualTo("A-Team 2Nd");
        assertThat(PageNames.titleCase("été")).isEqualTo("Été");
    }

    @Test
    void theFirstHeadingGivesTheCaseWhenItMatches() {
        PageNames names = new PageNames(Map.of("api docs", "API Docs", "misc", "Something else"));
        assertThat(names.map("api docs.md")).isEqualTo("API Docs.md");
        assertThat(names.map("api docs/logo.png")).isEqualTo("API Docs/logo.png");
        assertThat(names.map("api docs/intro.md")).isEqualTo("API Docs/Intro.md");
        assertThat(names.map("misc.md")).isEqualTo("Misc.md");
        assertThat(names.map("home.md")).isEqualTo("Home.md");
    }

    @Test
    void namesOutsideOtterwikisLowercaseAreKeptAndHiddenFilesLeftOut() {
        PageNames names = new PageNames(Map.of());
        assertThat(names.map("CamelCase.md")).isEqualTo("CamelCase.md");
        assertThat(names.map(".gitignore")).isNull();
        assertThat(names.map(".hidden/page.md")).isNull();
    }

    @Test
    void theFirstHeadingIsFoundInTheFirstLines() {
        assertThat(PageNames.firstHeading("intro\n\n# Title  \ntext")).isEqualTo("Title");
        assertThat(PageNames.firstHeading("## Not a title\n")).isNull();
    }
}
