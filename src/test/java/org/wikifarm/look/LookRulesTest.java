package org.wikifarm.look;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException.InvalidInput;

/** What a wiki's extra CSS and menu may hold: hostile forms are refused with where and why, plain ones kept. */
class LookRulesTest {

    @Test
    void cssThatLoadsFromElsewhereOrRunsCodeIsRefused() {
        for (String css : List.of("@import url(https://evil.example/x.css);", "@IMPORT 'x.css';",
                "body { background: url(https://evil.example/p.png) }", "a { background: url( '//evil.example/p') }",
                "a { background: url(\"javascript:alert(1)\") }", "div { width: expression(alert(1)) }",
                "a { behavior: url(x.htc) }", "a { -moz-binding: url(x.xml#x) }", "@\\69mport 'x';",
                "a { color: red } </style><script>alert(1)</script>", "a { color: red }\u0000",
                "a { background: url(http:evil) }", "a { background: url(" + "a".repeat(3000) + ")")) {
            assertThatThrownBy(() -> CssCheck.check(css)).as(css).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("line");
        }
        assertThatThrownBy(() -> CssCheck.check("a{}".repeat(CssCheck.MAX_BYTES)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("KB");
    }

    @Test
    void plainCssAndImagesOfThisSiteAreKept() {
        String css = "body { color: #333; }\n.page h1 { font-family: serif }\n"
                + "header { background: url(data:image/png;base64,iVBORw0KGgo=) }\n"
                + "nav { background: url('/static/favicon.svg') }\n.logo { background: url(img/logo.png) }\n";
        assertThat(CssCheck.check(css)).isEqualTo(css);
        assertThat(CssCheck.check(null)).isEmpty();
    }

    @Test
    void aLongRunOfUrlOpeningsIsCheckedInLinearTime() {
        String hostile = "a{background:" + "url(a".repeat(12_000) + "}";
        assertThatThrownBy(() -> CssCheck.check(hostile)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void menuLinksArePagesOrWebAddresses() {
        List<MenuLink> menu = MenuLink.parse("Start | Home\r\n\nguides/Handbook\nSite | https://example.org/a?b=c\n");
        assertThat(menu).containsExactly(new MenuLink("Start", "Home", false),
                new MenuLink("guides/Handbook", "guides/Handbook", false),
                new MenuLink("Site", "https://example.org/a?b=c", true));
        for (String hostile : List.of("X | javascript:alert(1)", "X | data:text/html,<b>", "X | https://u:p@evil.example",
                "X | https://", "X | vbscript:x", " | Home", "X\u0007 | Home", "X | ../etc", "y".repeat(81) + " | Home")) {
            assertThatThrownBy(() -> MenuLink.parse(hostile)).as(hostile).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("Line 1");
        }
        assertThatThrownBy(() -> MenuLink.parse("A | Home\n".repeat(MenuLink.MAX_LINKS + 1)))
                .isInstanceOf(InvalidInput.class);
    }
}
