package org.wikifarm.render;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.wikifarm.limit.Deadline;
import org.wikifarm.limit.OverBudgetException;
import org.wikifarm.markdown.HeadingAnchor;
import org.wikifarm.markdown.Markdown;
import org.wikifarm.markdown.MarkdownDocument;
import org.wikifarm.markdown.TaskMarker;
import org.wikifarm.markdown.WikiLink;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.PagePath;

/**
 * Renders a page's Markdown ({@link Markdown}'s grammar) to sanitised HTML and a table of contents. Thread-safe; one
 * instance serves every wiki. Each rendering has a time budget: parsing, rendering and sanitising check it at every
 * line, node and tag, and a page that does not fit is shown as its escaped source instead ({@link Rendered#complete()}
 * false), so no page can hold a thread for longer than the budget.
 */
public final class MarkdownRenderer {
    /**
     * Bump whenever the HTML for the same Markdown changes (an extension, the policy, an id rule), so cached
     * renderings made by the old code are not served.
     */
    public static final int VERSION = 4;
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(3);

    private final java.util.Map<WikiLinkOrder, Markdown> grammars = Markdown.perOrder(PagePath::isValid);
    // Raw HTML is kept on purpose: HtmlPolicy decides what of it survives.
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(Markdown.rendererExtensions())
            .nodeRendererFactory(WikiLinkRenderer::new)
            .nodeRendererFactory(TaskMarkerRenderer::new)
            .nodeRendererFactory(context -> new Silent(HeadingAnchor.class))
            .nodeRendererFactory(ExtensionRenderers.AlertRenderer::new)
            .nodeRendererFactory(ExtensionRenderers.MathRenderer::new)
            .nodeRendererFactory(ExtensionRenderers.DiagramRenderer::new)
            .nodeRendererFactory(ExtensionRenderers.FootnoteRenderer::new)
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                Deadline.checkCurrent();
                if (node instanceof Heading && node.getFirstChild() instanceof HeadingAnchor anchor) {
                    attributes.put("id", anchor.id());
                }
                ExtensionRenderers.alignByClass(node, attributes);
                if (node instanceof Image image) {
                    String file = PageFileSrc.placeholder(image.getDestination());
                    if (file != null) {
                        attributes.put("src", file);
                    }
                }
            })
            .build();
    private final Duration budget;
    private final LongSupplier ticker;

    public MarkdownRenderer() {
        this(DEFAULT_BUDGET);
    }

    public MarkdownRenderer(Duration budget) {
        this(budget, System::nanoTime);
    }

    /** With a nanosecond ticker of the test's own. */
    MarkdownRenderer(Duration budget, LongSupplier ticker) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.ticker = ticker;
    }

    public Rendered render(String markdown) {
        return render(markdown, WikiLinkOrder.DEFAULT);
    }

    /** Renders a page of a wiki whose wiki links name their page in {@code order}. */
    public Rendered render(String markdown, WikiLinkOrder order) {
        Objects.requireNonNull(markdown, "markdown");
        Markdown grammar = grammars.get(Objects.requireNonNull(order, "order"));
        try {
            return Deadline.after(budget, ticker).run(() -> renderWithin(grammar, markdown));
        } catch (OverBudgetException tooComplex) {
            return Rendered.unrendered(markdown);
        }
    }

    private Rendered renderWithin(Markdown grammar, String markdown) {
        MarkdownDocument document = grammar.parse(markdown);
        String html = HtmlPolicy.sanitize(renderer.render(document.root()));
        List<org.wikifarm.render.Heading> toc = document.headings().stream()
                .map(h -> new org.wikifarm.render.Heading(h.level(), h.text(), h.id())).toList();
        return new Rendered(html, toc, true, document.frontMatter(), document.features());
    }

    /** Renders nothing for a node type that only carries data (a heading's anchor). */
    private record Silent(Class<? extends Node> type) implements NodeRenderer {
        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(type);
        }

        @Override
        public void render(Node node) {
        }
    }

    /**
     * {@code <a class="wikilink" href="/__wiki__/Page#anchor">label</a>}; {@link RenderedPage#bind} replaces the
     * placeholder base per view and marks links to missing pages.
     */
    private static final class WikiLinkRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        WikiLinkRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(WikiLink.class);
        }

        @Override
        public void render(Node node) {
            WikiLink link = (WikiLink) node;
            // Attribute order matters: RenderedPage.bind looks for exactly this prefix after sanitising.
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("class", "wikilink");
            attributes.put("href", WikiHref.placeholder(new PagePath(link.target()), link.anchor()));
            HtmlWriter html = context.getWriter();
            html.tag("a", attributes);
            for (Node child = node.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
            html.tag("/a");
        }
    }

    /** A task list item's box, disabled: a rendered page is read-only, and ticking it would suggest it was saved. */
    private static final class TaskMarkerRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        TaskMarkerRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(TaskMarker.class);
        }

        @Override
        public void render(Node node) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("type", "checkbox");
            attributes.put("disabled", "");
            if (((TaskMarker) node).checked()) {
                attributes.put("checked", "");
            }
            // A form field needs a name for screen readers; its state (ticked or not) is read out with it.
            attributes.put("aria-label", "Task");
            HtmlWriter html = context.getWriter();
            html.tag("input", attributes, true);
            html.text(" ");
        }
    }
}
