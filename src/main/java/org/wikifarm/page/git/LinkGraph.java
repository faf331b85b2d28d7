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
import org.wikifarm.page.PageFilter;
import org.wikifarm.page.PageLinks;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.WikiLinks;

/**
 * The wiki's [[links]] as of one HEAD, both ways, and each page's front matter (read in the same parse, so filtering
 * pages by category or tag reads no page). Backlinks need every page's content, so the graph is built
 * once and then kept up to date by the store's own commits; if HEAD moved some other way it is rebuilt on the
 * next question.
 */
final class LinkGraph {
    /** Every page's outgoing links at one HEAD; called outside the graph's monitor because it reads every page. */
    interface Loader {
        Map<PagePath, WikiLinks.Facts> outgoing(ObjectId head) throws IOException;
    }

    private final ReentrantLock building = new ReentrantLock();
    private boolean built; // guarded by this
    private ObjectId head; // guarded by this
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
        synchronized (this) {
            if (isAt(currentHead)) {
                return answer.get();
            }
        }
        // One rebuild at a time: concurrent readers after a push would otherwise all read the whole wiki.
        building.lock();
        try {
            synchronized (this) {
                if (isAt(currentHead)) {
                    return answer.get();
                }
            }
            Map<PagePath, WikiLinks.Facts> links = currentHead == null ? Map.of() : loader.outgoing(currentHead);
            synchronized (this) {
                outgoing.clear();
                incoming.clear();
                frontMatter.clear();
                links.forEach(this::put);
                head = currentHead == null ? null : currentHead.copy();
                built = true;
                return answer.get();
            }
        } finally {
            building.unlock();
        }
    }

    /** Applies one of the store's commits, if the graph was current right before it. */
    synchronized void committed(ObjectId oldHead, ObjectId newHead, List<PageEdit> edits) {
        if (!isAt(oldHead)) {
            return;
        }
        for (PageEdit edit : edits) {
            remove(edit.path());
            if (!edit.deletes()) {
                put(edit.path(), WikiLinks.facts(new String(edit.content(), StandardCharsets.UTF_8)));
            }
        }
        head = newHead.copy();
        built = true;
    }

    private boolean isAt(ObjectId id) {
        // Before the first build the graph is empty, which is also right for an empty repository.
        return Objects.equals(head, id) && (built || id == null);
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
