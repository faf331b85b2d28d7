package org.wikifarm.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wikifarm.page.PagePath;
import org.wikifarm.render.HtmlText;

/**
 * The wiki's pages as nested folders, for the sidebar and the index, and their HTML: nested lists, folders as
 * {@code <details>} (open above the current page), the current page marked {@code aria-current}. Written in Java, not
 * by a recursive tag file: a 200-page sidebar through the tag took most of a signed-in page view.
 */
public final class PageTree {
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
        if (nodes == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(nodes.size() * 96);
        list(out, nodes, HtmlText.escape(base == null ? "" : base), current == null ? null : current.value());
        return out.toString();
    }

    private static void list(StringBuilder out, List<Node> nodes, String base, String current) {
        out.append("<ul class=\"tree\">");
        for (Node node : nodes) {
            out.append("<li>");
            if (node.isFolder()) {
                boolean open = current != null && current.startsWith(node.fullName() + "/");
                out.append(open ? "<details open><summary>" : "<details><summary>");
                if (node.path() != null) {
                    link(out, node, base, false);
                } else {
                    out.append(HtmlText.escape(node.name()));
                }
                out.append("</summary>");
                list(out, node.children(), base, current);
                out.append("</details>");
            } else {
                link(out, node, base, node.path().equals(current));
            }
            out.append("</li>");
        }
        out.append("</ul>");
    }

    private static void link(StringBuilder out, Node node, String base, boolean current) {
        out.append("<a href=\"").append(base).append('/').append(HtmlText.escape(Urls.encodePath(node.path())))
                .append(current ? "\" aria-current=\"page\">" : "\">").append(HtmlText.escape(node.name()))
                .append("</a>");
    }

    private static final class Builder {
        private final Map<String, Builder> children = new TreeMap<>(
                String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
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
            return nodes;
        }
    }
}
