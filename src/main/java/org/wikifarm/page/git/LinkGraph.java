package org.wikifarm.page.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.wikifarm.markdown.FrontMatter;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.PageFilter;
import org.wikifarm.page.PageLinks;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.WikiLinks;

/**
 * The wiki's [[links]] as of one HEAD, both ways, and each page's front matter (read in the same parse, so filtering
 * pages by category or tag reads no page). Backlinks need every page's content, so the graph is built
 * once and then kept up to date by the store's own commits; if HEAD moved some other way it is rebuilt on the
 * next question; so it is when the wiki's link order ({@link WikiLinkOrder}) changed.
 */
final class LinkGraph {
    /** Every page's outgoing links at one HEAD; called outside the graph's monitor because it reads every page. */
    interface Loader {
        Map<PagePath, WikiLinks.Facts> outgoing(ObjectId head, WikiLinkOrder order) throws IOException;
    }

    /** The wiki's link order now: the graph built for another order is built again on the next question. */
    private final Supplier<WikiLinkOrder> linkOrder;

    LinkGraph(Supplier<WikiLinkOrder> linkOrder) {
        this.linkOrder = Objects.requireNonNull(linkOrder, "linkOrder");
    }

    private final ReentrantLock building = new ReentrantLock();
    private boolean built; // guarded by this
    private ObjectId head; // guarded by this
    private WikiLinkOrder order = WikiLinkOrder.DEFAULT; // guarded by this: the order the graph was read in
    private final Map<PagePath, List<PagePath>> outgoing = new HashMap<>(); // guarded by this
    private final Map<PagePath, Set<PagePath>> incoming = new HashMap<>(); // guarded by this
    private final Map<PagePath, FrontMatter> frontMatter = new HashMap<>(); // guarded by this; pages that have one

    PageLinks links(PagePath path, ObjectId currentHead, Loader loader) throws IOException {
        return at(currentHead, loader, () -> linksOf(path));
    }

    /** Of the given pages (those at {@code currentHead}), the ones no other page links to. */
    List<PagePath> unlinked(List<PagePath> pages, ObjectId currentHead, Loader loader) throws IOException {
        return at(currentHead, loader, () -> pages.stream().filter(page -> incoming.getOrDefault(page, Set.of())
                .stream().allMatch(page::equals)).toList());
    }

    /** Of the given pages (those at {@code currentHead}), the ones whose front matter the filter keeps. */
    List<PagePath> filed(List<PagePath> pages, PageFilter filter, ObjectId currentHead, Loader loader)
            throws IOException {
        return at(currentHead, loader, () -> pages.stream()
                .filter(page -> filter.matches(frontMatter.getOrDefault(page, FrontMatter.NONE))).toList());
    }

    /** Answers from the graph at {@code currentHead}, building it first if it is at another commit. */
    private <T> T at(ObjectId currentHead, Loader loader, Supplier<T> answer) throws IOException {
        WikiLinkOrder currentOrder = linkOrder.get();
        synchronized (this) {
            if (isAt(currentHead, currentOrder)) {
                return answer.get();
            }
        }
        // One rebuild at a time: concurrent readers after a push would otherwise all read the whole wiki.
        building.lock();
        try {
            synchronized (this) {
                if (isAt(currentHead, currentOrder)) {
                    return answer.get();
                }
            }
            Map<PagePath, WikiLinks.Facts> links = currentHead == null ? Map.of()
                    : loader.outgoing(currentHead, currentOrder);
            synchronized (this) {
                outgoing.clear();
                incoming.clear();
                frontMatter.clear();
                links.forEach(this::put);
                head = currentHead == null ? null : currentHead.copy();
                order = currentOrder;
                built = true;
                return answer.get();
            }
        } finally {
            building.unlock();
        }
    }

    /** Applies one of the store's commits, if the graph was current right before it. */
    void committed(ObjectId oldHead, ObjectId newHead, List<PageEdit> edits) {
        WikiLinkOrder currentOrder = linkOrder.get();
        synchronized (this) {
            if (!isAt(oldHead, currentOrder)) {
                return;
            }
            for (PageEdit edit : edits) {
                remove(edit.path());
                if (!edit.deletes()) {
                    put(edit.path(), WikiLinks.facts(new String(edit.content(), StandardCharsets.UTF_8), order));
                }
            }
            head = newHead.copy();
            built = true;
        }
    }

    private boolean isAt(ObjectId id, WikiLinkOrder currentOrder) {
        // Before the first build the graph is empty, which is also right for an empty repository.
        return Objects.equals(head, id) && (built || id == null) && order == currentOrder;
    }

    private PageLinks linksOf(PagePath path) {
        List<PagePath> out = outgoing.getOrDefault(path, List.of());
        Set<PagePath> in = incoming.getOrDefault(path, Set.of());
        return new PageLinks(out, List.copyOf(in));
    }

    private void put(PagePath page, WikiLinks.Facts facts) {
        List<PagePath> targets = facts.targets();
        outgoing.put(page, targets);
        if (facts.frontMatter().present()) {
            frontMatter.put(page, facts.frontMatter());
        }
        for (PagePath target : targets) {
            incoming.computeIfAbsent(target, t -> new TreeSet<>((a, b) -> a.value().compareTo(b.value())))
                    .add(page);
        }
    }

    private void remove(PagePath page) {
        for (PagePath target : outgoing.getOrDefault(page, List.of())) {
            Set<PagePath> sources = incoming.get(target);
            if (sources != null) {
                sources.remove(page);
                if (sources.isEmpty()) {
                    incoming.remove(target);
                }
            }
        }
        outgoing.remove(page);
        frontMatter.remove(page);
    }
}
