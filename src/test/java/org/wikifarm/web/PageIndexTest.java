package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;

class PageIndexTest {

    private static List<PagePath> pages(String... paths) {
        List<PagePath> list = new ArrayList<>();
        for (String path : paths) {
            list.add(new PagePath(path));
        }
        return list;
    }

    @Test
    void pagesFirstThenFoldersAllInNaturalOrder() {
        PageIndex index = PageIndex.of(pages("p10", "p2", "Zeta", "alpha", "docs/p10", "docs/p9", "Archive/x",
                "docs/sub/a"), null, 100);
        assertThat(index.pages()).extracting(PagePath::value).containsExactly("alpha", "p2", "p10", "Zeta");
        assertThat(index.folders()).extracting(PageIndex.Folder::name).containsExactly("Archive", "docs");
        PageIndex.Folder docs = index.folders().get(1);
        assertThat(docs.count()).isEqualTo(3);
        assertThat(docs.tree()).extracting(PageTree.Node::name).containsExactly("p9", "p10", "sub");
        String html = docs.treeHtml("/a/w").toString();
        assertThat(html.indexOf("/a/w/docs/p9\"")).isPositive().isLessThan(html.indexOf("/a/w/docs/p10\""));
        assertThat(index.count()).isEqualTo(8);
        assertThat(index.morePages()).isZero();
    }

    @Test
    void oneFolderOnItsOwn() {
        PageIndex index = PageIndex.of(pages("a/b/c", "a/b/d", "a/x", "ab", "b/z"), "a", 100);
        assertThat(index.pages()).extracting(PagePath::value).containsExactly("a/x");
        assertThat(index.folders()).extracting(PageIndex.Folder::path).containsExactly("a/b");
        assertThat(index.count()).isEqualTo(3);
        assertThat(PageIndex.trail("a/b")).extracting(PageIndex.Crumb::path).containsExactly("a", "a/b");
    }

    @Test
    void boundedWhateverTheWikiHolds() {
        // Pages past the bound are counted, and folders that no longer fit link to their own index.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            names.add("p" + i);
            names.add("big/q" + i);
        }
        names.add("small/one");
        PageIndex index = PageIndex.of(pages(names.toArray(String[]::new)), null, 2000);
        assertThat(index.pages()).hasSize(2000);
        assertThat(index.pages().get(9).value()).isEqualTo("p9");
        assertThat(index.pages().get(10).value()).isEqualTo("p10");
        assertThat(index.morePages()).isEqualTo(3000);
        assertThat(index.folders()).extracting(PageIndex.Folder::tree).containsOnlyNulls();
        assertThat(index.folders()).extracting(PageIndex.Folder::count).containsExactly(5000, 1);
    }
}
