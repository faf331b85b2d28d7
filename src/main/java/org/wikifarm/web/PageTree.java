package org.wikifarm.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.wikifarm.page.NaturalOrder;
import org.wikifarm.page.PagePath;
import org.wikifarm.tenant.PlatformRoutes;
import org.wikifarm.render.HtmlText;

/**
 * The wiki's pages as nested folders in {@link NaturalOrder} ({@code p2} before {@code p10}), for the sidebar and
 * the index, and their HTML: nested lists, folders as
 * {@code <details>} (open above the current page), the current page marked {@code aria-current}. Written in Java, not
 * by a recursive tag file: a 200-page sidebar through the tag took most of a signed-in page view.
 *
 * <p>Both are remembered: a tree by its list of pages, its HTML by the tree, base and current page. They depend on
 * nothing else and are immutable, so a remembered one is always right; building and writing a 200-page sidebar for
 * every signed-in view was a third of its time (profiled, see docs/benchmarks.md). At most {@value #REMEMBERED} of
 * each are kept; all are dropped when that many are.
 */
public final class PageTree {
    private static final int REMEMBERED = 256;

    /** A tree's HTML: the tree by identity (a remembered tree is shared), the rest by value. */
    private record Shown(List<Node> nodes, String base, String current) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Shown shown && shown.nodes == nodes && Objects.equals(shown.base, base)
                    && Objects.equals(shown.current, current);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(nodes) + Objects.hashCode(base))
                    + Objects.hashCode(current);
        }
    }

    private static final Map<List<PagePath>, List<Node>> TREES = new ConcurrentHashMap<>();
    private static final Map<Shown, String> HTML = new ConcurrentHashMap<>();
    /**
     * A folder or page. {@code path} is the page's path, null for a folder that is not also a page;
     * {@code fullName} is the path of this node either way (used to open the folders above the current page).
     */
    public record Node(String name, String path, String fullName, List<Node> children) {
        public boolean isFolder() {
            return !children.isEmpty();
        }
    }

    private PageTree() {
    }

    public static List<Node> of(List<PagePath> pages) {
        List<Node> known = TREES.get(pages);
        if (known != null) {
            return known;
        }
        List<PagePath> key = List.copyOf(pages);
        List<Node> built = build(key);
        remember(TREES, key, built);
        return built;
    }

    private static <K, V> void remember(Map<K, V> map, K key, V value) {
        if (map.size() >= REMEMBERED) {
            map.clear();
        }
        map.put(key, value);
    }

    /** A tree that is not remembered: for the index's folders, which would crowd the sidebars out of the memory. */
    static List<Node> build(List<PagePath> pages) {
        Builder root = new Builder("");
        for (PagePath page : pages) {
            Builder at = root;
            for (String folder : page.folders()) {
                Builder parent = at;
                at = at.children.computeIfAbsent(folder, f -> new Builder(parent.child(f)));
            }
            Builder parent = at;
            at.children.computeIfAbsent(page.name(), n -> new Builder(parent.child(n))).path = page.value();
        }
        return root.build();
    }

    /**
     * The tree as HTML ({@code f:tree} in JSPs). {@code base} is the wiki's base path; {@code current} the page being
     * shown, or null.
     */
    public static String html(List<Node> nodes, String base, PagePath current) {
        return html(nodes, base, current, null);
    }

    /**
     * As {@link #html(List, String, PagePath)}; in single-wiki mode ({@code beside} the platform routes kept beside
     * the wiki) a page whose first segment is one of them is linked by its alias {@code -/page/<path>}.
     */
    public static String html(List<Node> nodes, String base, PagePath current, PlatformRoutes beside) {
        if (nodes == null) {
            return "";
        }
        // The aliases are part of what is remembered: the same base ("") is a custom domain's without them.
        Shown shown = new Shown(nodes, beside == null ? base : base + "\u0000single",
                current == null ? null : current.value());
        String known = HTML.get(shown);
        if (known != null) {
            return known;
        }
        StringBuilder out = new StringBuilder(nodes.size() * 96);
        list(out, nodes, HtmlText.escape(base == null ? "" : base), shown.current(), beside);
        String written = out.toString();
        remember(HTML, shown, written);
        return written;
    }

    /** The HTML of a tree, not remembered (see {@link #build}); no page is current. */
    static String write(List<Node> nodes, String base) {
        StringBuilder out = new StringBuilder(nodes.size() * 96);
        list(out, nodes, HtmlText.escape(base == null ? "" : base), null, null);
        return out.toString();
    }

    private static void list(StringBuilder out, List<Node> nodes, String base, String current,
                             PlatformRoutes beside) {
        out.append("<ul class=\"tree\">");
        for (Node node : nodes) {
            out.append("<li>");
            if (node.isFolder()) {
                boolean open = current != null && current.startsWith(node.fullName() + "/");
                out.append(open ? "<details open><summary>" : "<details><summary>");
                if (node.path() != null) {
                    link(out, node, base, false, beside);
                } else {
                    out.append(HtmlText.escape(node.name()));
                }
                out.append("</summary>");
                list(out, node.children(), base, current, beside);
                out.append("</details>");
            } else {
                link(out, node, base, node.path().equals(current), beside);
            }
            out.append("</li>");
        }
        out.append("</ul>");
    }

    private static void link(StringBuilder out, Node node, String base, boolean current, PlatformRoutes beside) {
        out.append("<a href=\"").append(base).append('/')
                .append(beside != null && beside.shadows(node.path()) ? PlatformRoutes.PAGE_ALIAS : "")
                .append(HtmlText.escape(Urls.encodePath(node.path())))
                .append(current ? "\" aria-current=\"page\">" : "\">").append(HtmlText.escape(node.name()))
                .append("</a>");
    }

    private static final class Builder {
        private final Map<String, Builder> children = new TreeMap<>(NaturalOrder.INSTANCE);
        private final String fullName;
        private String path;

        Builder(String fullName) {
            this.fullName = fullName;
        }

        String child(String name) {
            return fullName.isEmpty() ? name : fullName + "/" + name;
        }

        List<Node> build() {
            List<Node> nodes = new ArrayList<>();
            children.forEach((name, child) -> nodes.add(new Node(name, child.path, child.fullName, child.build())));
            return List.copyOf(nodes);
        }
    }
}
