package org.wikifarm.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.page.NaturalOrder;
import org.wikifarm.page.PagePath;

/**
 * The index screen's content ({@code <base>/-/index}, optionally {@code ?folder=a/b}): the pages directly in the
 * folder, then its sub-folders, each a closed {@code <details>} with its page count and its tree, all in
 * {@link NaturalOrder}. Bounded however many pages the wiki has: at most {@code limit} pages are written in all;
 * past that, a folder shows a link to its own index instead of its tree, and the folder's own pages stop with a
 * count of those not shown.
 *
 * @param pages     the pages directly in the folder that are shown
 * @param morePages how many pages directly in the folder are not shown
 * @param folders   the sub-folders
 * @param count     how many pages the folder holds, sub-folders included
 */
public record PageIndex(List<PagePath> pages, int morePages, List<Folder> folders, int count) {

    /**
     * One sub-folder: its name, its path (for {@code ?folder=}), how many pages it holds, and its tree, null when
     * the screen's bound leaves it to the folder's own index.
     */
    public record Folder(String name, String path, int count, List<PageTree.Node> tree) {
        /** The tree as HTML (every value escaped by {@link PageTree}), or null. */
        public SafeHtml treeHtml(String base) {
            return tree == null ? null : SafeHtml.trusted(PageTree.write(tree, base));
        }
    }

    /** One step of the trail from all pages down to the folder shown. */
    public record Crumb(String name, String path) {
    }

    /** @param folder the folder shown, null or empty for the whole wiki */
    public static PageIndex of(List<PagePath> all, String folder, int limit) {
        String prefix = folder == null || folder.isEmpty() ? "" : folder + "/";
        List<PagePath> inside = new ArrayList<>();
        for (PagePath page : all) {
            if (page.value().startsWith(prefix)) {
                inside.add(page);
            }
        }
        inside.sort(NaturalOrder.PATHS);
        List<PagePath> direct = new ArrayList<>();
        Map<String, List<PagePath>> byFolder = new LinkedHashMap<>();
        for (PagePath page : inside) {
            String rest = page.value().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                direct.add(page);
            } else {
                byFolder.computeIfAbsent(rest.substring(0, slash), name -> new ArrayList<>()).add(page);
            }
        }
        List<PagePath> shownPages = direct.subList(0, Math.min(direct.size(), limit));
        int budget = limit - shownPages.size();
        List<Folder> folders = new ArrayList<>();
        List<String> names = new ArrayList<>(byFolder.keySet());
        names.sort(NaturalOrder.INSTANCE);
        for (String name : names) {
            List<PagePath> pages = byFolder.get(name);
            List<PageTree.Node> tree = null;
            if (pages.size() <= budget) {
                budget -= pages.size();
                // The tree of these pages has one root, this folder: its children are what the folder shows.
                tree = PageTree.build(pages).get(0).children();
            }
            folders.add(new Folder(name, prefix + name, pages.size(), tree));
        }
        return new PageIndex(List.copyOf(shownPages), direct.size() - shownPages.size(), List.copyOf(folders),
                inside.size());
    }

    /** The trail of {@code folder}: each of its folders with its path. */
    public static List<Crumb> trail(String folder) {
        List<Crumb> crumbs = new ArrayList<>();
        if (folder == null || folder.isEmpty()) {
            return crumbs;
        }
        int start = 0;
        while (start <= folder.length()) {
            int slash = folder.indexOf('/', start);
            int end = slash < 0 ? folder.length() : slash;
            crumbs.add(new Crumb(folder.substring(start, end), folder.substring(0, end)));
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return crumbs;
    }
}
