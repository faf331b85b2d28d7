package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wikifarm.auth.Permission;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.TenantId;

class PageViewCacheTest {
    private static final TenantId A = new TenantId("aaaaaaaaaaaa");
    private static final TenantId B = new TenantId("bbbbbbbbbbbb");
    private static final int PAGE = 1_000;
    private static final long COST = PAGE + PageViewCache.ENTRY_OVERHEAD;

    private static PageViewCache.Key key(TenantId wiki, String page, String head) {
        return new PageViewCache.Key(wiki, new PagePath(page), head, Set.of(Permission.READ), "Notes", "/alice/notes",
                "/", 1);
    }

    private static PageViewCache.View view(String text) {
        String padding = "x".repeat(PAGE - text.length());
        return PageViewCache.View.of(text + UserMenu.SLOT + padding);
    }

    @Test
    void aViewIsSplitAtItsOneSlotAndGetsEachRequestsMenu() {
        PageViewCache.View view = PageViewCache.View.of("<header>" + UserMenu.SLOT + "</header><main>page</main>");
        assertThat(view.html(SafeHtml.trusted("<li>alice</li>")))
                .isEqualTo("<header><li>alice</li></header><main>page</main>");
        assertThat(view.html(SafeHtml.trusted("<li>bob</li>")))
                .isEqualTo("<header><li>bob</li></header><main>page</main>");
        assertThat(PageViewCache.View.of("<header></header>")).as("no slot").isNull();
        assertThat(PageViewCache.View.of(UserMenu.SLOT + UserMenu.SLOT)).as("two slots").isNull();
    }

    @Test
    void theKeySeparatesEverythingTheHtmlDependsOn() {
        PageViewCache cache = new PageViewCache(1 << 20, 1 << 20);
        PageViewCache.Key key = key(A, "Home", "h1");
        cache.put(key, view("reader"));
        assertThat(cache.get(key(A, "Home", "h1"))).isNotNull();
        assertThat(cache.get(key(B, "Home", "h1"))).isNull();
        assertThat(cache.get(key(A, "Other", "h1"))).isNull();
        assertThat(cache.get(key(A, "Home", "h2"))).isNull();
        assertThat(cache.get(new PageViewCache.Key(A, new PagePath("Home"), "h1",
                Set.of(Permission.READ, Permission.WRITE), "Notes", "/alice/notes", "/", 1))).isNull();
        assertThat(cache.get(new PageViewCache.Key(A, new PagePath("Home"), "h1", Set.of(Permission.READ),
                "Renamed", "/alice/notes", "/", 1))).isNull();
        assertThat(cache.get(new PageViewCache.Key(A, new PagePath("Home"), "h1", Set.of(Permission.READ),
                "Notes", "", "/", 1))).isNull();
        assertThat(cache.get(new PageViewCache.Key(A, new PagePath("Home"), "h1", Set.of(Permission.READ),
                "Notes", "/alice/notes", "https://farm.example/", 1))).isNull();
        assertThat(cache.get(new PageViewCache.Key(A, new PagePath("Home"), "h1", Set.of(Permission.READ),
                "Notes", "/alice/notes", "/", 2))).isNull();
    }

    @Test
    void oneWikiKeepsNoMoreThanItsShareAndCannotPushOutTheOthers() {
        PageViewCache cache = new PageViewCache(10 * COST, 4 * COST);
        for (int i = 0; i < 4; i++) {
            cache.put(key(B, "b" + i, "h"), view("b"));
        }
        for (int i = 0; i < 100; i++) {
            cache.put(key(A, "a" + i, "h"), view("a"));
        }
        assertThat(cache.bytesOf(A)).isEqualTo(4 * COST);
        assertThat(cache.bytesOf(B)).isEqualTo(4 * COST);
        for (int i = 0; i < 4; i++) {
            assertThat(cache.get(key(B, "b" + i, "h"))).as("b%s", i).isNotNull();
        }
        assertThat(cache.get(key(A, "a99", "h"))).isNotNull();
        assertThat(cache.get(key(A, "a95", "h"))).as("least recently used first out").isNull();
        assertThat(cache.bytes()).isEqualTo(8 * COST);
    }

    @Test
    void allViewsTogetherStayWithinTheTotal() {
        PageViewCache cache = new PageViewCache(6 * COST, 4 * COST);
        TenantId[] wikis = new TenantId[20];
        for (int w = 0; w < wikis.length; w++) {
            wikis[w] = new TenantId("wikiaaaaaaa" + (char) ('a' + w));
            cache.put(key(wikis[w], "Home", "h"), view("w"));
            cache.put(key(wikis[w], "Other", "h"), view("w"));
            assertThat(cache.bytes()).isLessThanOrEqualTo(6 * COST);
        }
        assertThat(cache.size()).isEqualTo(6);
        assertThat(cache.get(key(wikis[19], "Other", "h"))).isNotNull();
        assertThat(cache.get(key(wikis[0], "Home", "h"))).isNull();
        assertThat(cache.bytesOf(wikis[0])).isZero();
    }

    @Test
    void aNewHeadDropsTheWikisOlderViews() {
        PageViewCache cache = new PageViewCache(100 * COST, 50 * COST);
        cache.put(key(A, "Home", "h1"), view("old"));
        cache.put(key(A, "Other", "h1"), view("old"));
        cache.put(key(B, "Home", "h1"), view("b"));
        cache.put(key(A, "Home", "h2"), view("new"));
        assertThat(cache.get(key(A, "Other", "h1"))).isNull();
        assertThat(cache.get(key(A, "Home", "h2"))).isNotNull();
        assertThat(cache.get(key(B, "Home", "h1"))).as("another wiki's views stay").isNotNull();
        assertThat(cache.bytesOf(A)).isEqualTo(COST);
        assertThat(cache.bytes()).isEqualTo(2 * COST);
    }

    @Test
    void largeViewsAndAZeroBoundKeepNothing() {
        PageViewCache small = new PageViewCache(100 * COST, 3 * COST);
        small.put(key(A, "Home", "h"), view("big"));
        assertThat(small.size()).as("more than a quarter of the wiki's share").isZero();
        PageViewCache none = new PageViewCache(0, 0);
        none.put(key(A, "Home", "h"), view("x"));
        assertThat(none.size()).isZero();
        assertThat(none.bytes()).isZero();
    }
}
