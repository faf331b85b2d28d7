package org.wikifarm.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wikifarm.page.PagePath;

/** The wiki's pages as nested folders, for the sidebar and the index. */
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
