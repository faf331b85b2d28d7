package org.wikifarm.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.limit.Deadline;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.limit.OverBudgetException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageStore;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;

/**
 * Turns a batch's page texts into index documents, and sets aside the pages that cannot be turned so they do not hold
 * up the others: a page over {@code searchMaxPageBytes} is not read at all, each page's text extraction and chunking
 * runs under its own {@link Deadline} of {@code searchPageBudgetMillis}, and a page whose extraction throws is the
 * page's problem, not the batch's. A page set aside is indexed by its title alone and listed as failed.
 */
final class PageDocuments {
    private static final Logger LOG = LoggerFactory.getLogger(PageDocuments.class);

    /** Text extraction and chunking of one page; may throw for a page it cannot handle (in time). */
    interface Extractor {
        PageDocument of(PagePath path, String markdown);

        /** In a wiki whose wiki links name their page in {@code order}; the same as without, unless overridden. */
        default PageDocument of(PagePath path, String markdown, WikiLinkOrder order) {
            return of(path, markdown);
        }
    }

    /** What a batch's pages became: documents to index (title-only ones included), pages gone, pages set aside. */
    record Built(List<PageDocument> documents, List<PagePath> gone, List<IndexFailures.Failure> failed) {
    }

    private final Extractor extractor;
    private final long maxPageBytes;
    private final Duration budget;
    private final LongSupplier ticker;

    PageDocuments(Extractor extractor, long maxPageBytes, Duration budget, LongSupplier ticker) {
        this.extractor = extractor;
        this.maxPageBytes = maxPageBytes;
        this.budget = budget;
        this.ticker = ticker;
    }

    Built build(List<PagePath> pages, Map<PagePath, PageStore.Text> texts) {
        return build(pages, texts, WikiLinkOrder.DEFAULT);
    }

    /** The documents of a wiki whose wiki links name their page in {@code order}. */
    Built build(List<PagePath> pages, Map<PagePath, PageStore.Text> texts, WikiLinkOrder order) {
        List<PageDocument> documents = new ArrayList<>();
        List<PagePath> gone = new ArrayList<>();
        List<IndexFailures.Failure> failed = new ArrayList<>();
        for (PagePath path : pages) {
            PageStore.Text text = texts.get(path);
            if (text == null) {
                gone.add(path);
                continue;
            }
            IndexFailures.Failure failure;
            if (text.tooLarge()) {
                failure = new IndexFailures.Failure(path.value(), "too_large", "The page is " + size(text.bytes())
                        + " of text; pages over " + size(maxPageBytes) + " are found by their title only.");
            } else {
                try {
                    documents.add(Deadline.after(budget, ticker).run(() -> {
                        PageDocument document = extractor.of(path, text.text(), order);
                        // Extraction that never checked its deadline still must not count as done in time.
                        Deadline.checkCurrent();
                        return document;
                    }));
                    continue;
                } catch (OverBudgetException e) {
                    failure = new IndexFailures.Failure(path.value(), "too_slow", "Reading the page's text took "
                            + "longer than " + seconds(budget) + "; it is found by its title only.");
                } catch (RuntimeException e) {
                    LOG.warn("Could not extract the text of page {} for the index", path, e);
                    failure = new IndexFailures.Failure(path.value(), "unreadable",
                            "The page's text could not be read for the index; it is found by its title only.");
                }
            }
            failed.add(failure);
            documents.add(titleOnly(path));
        }
        return new Built(documents, gone, failed);
    }

    /** What a page set aside is still found by: its path's words. */
    static PageDocument titleOnly(PagePath path) {
        return new PageDocument(path, WikiIndexer.title(path), "", "", List.of());
    }

    static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.0f KB", Math.ceil(bytes / 1024.0));
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
