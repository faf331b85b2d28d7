package org.wikifarm.render;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlStreamEventReceiverWrapper;
import org.wikifarm.limit.Deadline;
import org.owasp.html.PolicyFactory;

/**
 * What rendered HTML may contain: what CommonMark and GFM produce, plus a few harmless tags people write by hand
 * ({@code details}, {@code kbd}, {@code sup}…), and the fixed classes of footnotes, alerts, math and diagrams. It runs on the final HTML, so raw HTML in Markdown gets no further
 * than Markdown itself. Scripts, styles, frames, SVG/MathML, event handlers, {@code style} attributes and any URL
 * scheme other than http, https and mailto (links only) are removed.
 */
final class HtmlPolicy {
    static final String EXTERNAL_REL = "nofollow noopener noreferrer";

    /** Ids only on headings and only in the form the heading ids of {@link org.wikifarm.markdown.Markdown} have, to limit DOM clobbering by raw HTML. */
    private static final Pattern HEADING_ID = Pattern.compile("[\\p{L}\\p{N}\\p{M}_-]{1,200}");
    /** highlight.js reads the language from this class; nothing else may ride along in it. */
    private static final Pattern CODE_LANGUAGE = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final String[] HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"};
    private static final String[] DIV_CLASSES = {"math-display", "alert alert-note", "alert alert-tip",
        "alert alert-important", "alert alert-warning", "alert alert-caution"};

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements(HEADINGS)
            .allowElements("p", "br", "hr", "blockquote", "pre", "code", "ul", "ol", "li", "dl", "dt", "dd")
            .allowElements("em", "strong", "del", "s", "b", "i", "ins", "mark", "kbd", "sup", "sub", "abbr")
            .allowElements("table", "thead", "tbody", "tr", "th", "td", "details", "summary", "img")
            .allowElements("section", "div", "span")
            .allowElements((name, attrs) -> {
                addExternalRel(attrs);
                return name;
            }, "a")
            .allowElements((name, attrs) -> isCheckbox(attrs) ? name : null, "input")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("id").matching(HEADING_ID).onElements(HEADINGS)
            .allowAttributes("class").matching(CODE_LANGUAGE).onElements("code")
            .allowAttributes("start").matching(NUMBER).onElements("ol")
            .allowAttributes("class").matching(false, "align-left", "align-center", "align-right")
            .onElements("th", "td")
            .allowAttributes("class").matching(false, "wikilink", "footnote-backref").onElements("a")
            // The grammar's own blocks (render.ExtensionRenderers, the footnotes extension): fixed class names only.
            .allowAttributes("class").matching(false, "footnote-ref").onElements("sup")
            .allowAttributes("class").matching(false, "footnotes").onElements("section")
            .allowAttributes("class").matching(false, "math-inline").onElements("span")
            .allowAttributes("class").matching(false, DIV_CLASSES).onElements("div")
            .allowAttributes("class").matching(false, "alert-title").onElements("p")
            .allowAttributes("class").matching(false, "mermaid").onElements("pre")
            .allowAttributes("id").matching((element, attribute, value) -> isFootnoteId(value) ? value : null)
            .onElements("li", "a")
            .allowAttributes("href").onElements("a")
            .allowAttributes("src").matching((element, attribute, value) -> isMailto(value) ? null : value)
            .onElements("img")
            .allowAttributes("alt").onElements("img")
            .allowAttributes("title").onElements("a", "img", "abbr")
            .allowAttributes("type").matching(true, "checkbox").onElements("input")
            .allowAttributes("checked", "disabled").onElements("input")
            .allowAttributes("aria-label").matching(false, "Task").onElements("input")
            .allowAttributes("open").onElements("details")
            // Sanitising is linear in the HTML; the budget still bounds it, checked at every tag.
            .withPreprocessor(receiver -> new HtmlStreamEventReceiverWrapper(receiver) {
                @Override
                public void openTag(String elementName, List<String> attrs) {
                    Deadline.checkCurrent();
                    super.openTag(elementName, attrs);
                }
            })
            .toFactory();

    private HtmlPolicy() {
    }

    static String sanitize(String html) {
        return POLICY.sanitize(html);
    }

    /**
     * Adds {@code rel} to links that leave the site: search engines should not credit wiki spam, and the target
     * must not get {@code window.opener} or the referring page. Any {@code rel} from the input was already dropped.
     */
    private static void addExternalRel(List<String> attrs) {
        for (int i = 0; i < attrs.size(); i += 2) {
            if (attrs.get(i).equals("href") && isExternal(attrs.get(i + 1))) {
                attrs.add("rel");
                attrs.add(EXTERNAL_REL);
                return;
            }
        }
    }

    private static boolean isExternal(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        return u.startsWith("http:") || u.startsWith("https:") || u.startsWith("//");
    }

    /**
     * A footnote's id as {@link ExtensionRenderers.FootnoteRenderer} writes it, {@code fn-N} or {@code fnref-N[-K]}:
     * digits and {@code -}, at most 20 long, so ids from raw HTML cannot name anything else.
     */
    static boolean isFootnoteId(String id) {
        int prefix = id.startsWith("fn-") ? 3 : id.startsWith("fnref-") ? 6 : -1;
        if (prefix < 0 || id.length() == prefix || id.length() > prefix + 20) {
            return false;
        }
        for (int i = prefix; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMailto(String url) {
        return url.strip().toLowerCase(Locale.ROOT).startsWith("mailto:");
    }

    /**
     * Only read-only checkboxes: a text input would let a page collect input that looks like the site's own, and
     * an input without {@code type=checkbox} is a text input.
     */
    private static boolean isCheckbox(List<String> attrs) {
        boolean checkbox = false;
        boolean disabled = false;
        for (int i = 0; i < attrs.size(); i += 2) {
            // The attribute policy has already dropped every type but checkbox.
            checkbox |= attrs.get(i).equals("type");
            disabled |= attrs.get(i).equals("disabled");
        }
        if (checkbox && !disabled) {
            attrs.add("disabled");
            attrs.add("disabled");
        }
        return checkbox;
    }
}
