package org.wikifarm.web;

import java.util.List;
import org.wikifarm.render.HtmlText;
import org.wikifarm.search.SearchHit;
import org.wikifarm.search.SearchService;
import org.wikifarm.tenant.Tenant;

/**
 * A search hit as the search screen shows it, worked out once in Java rather than by a dozen expressions per hit in
 * the JSP: the page's address under the wiki's base, how it matched, the snippet as markup (escaped text with only
 * {@code <mark>}) and the passages shown — one below a snippet, two without — each cut to 400 characters.
 */
public record ShownHit(String href, String path, String matchedBy, SafeHtml snippet, List<Passage> passages) {
    static final int PASSAGE_CHARS = 400;

    /** A passage: plain text, escaped where it is written. */
    public record Passage(String breadcrumb, String text) {
    }

    static ShownHit of(Tenant tenant, SearchHit hit) {
        SafeHtml snippet = hit.snippet() == null || hit.snippet().isEmpty() ? null : Html.highlighted(hit.snippet());
        List<Passage> passages = hit.chunks().stream()
                .limit(SearchService.Passages.ONE_BESIDE_A_SNIPPET.count(hit.snippet(), hit.chunks().size()))
                .map(chunk -> new Passage(chunk.breadcrumb(), shortened(chunk.text()))).toList();
        return new ShownHit(ViewFunctions.page(tenant, hit.path()), hit.path(), String.join(" + ", hit.matchedBy()),
                snippet, passages);
    }

    /**
     * The hits as the search screen's list items, written in Java rather than by ~10 expressions per hit in the JSP
     * (~200 on a page of 20 hits, a tenth of the screen's time): every value escaped by {@link HtmlText#escape}, the
     * snippet already {@link SafeHtml}. The markup is the JSP's as it was ({@code search-hit}, {@code snippet},
     * {@code chunk}…), which the browser tests and {@code HostileValuesIT} read.
     */
    static SafeHtml listItems(List<ShownHit> hits, String base) {
        StringBuilder html = new StringBuilder(hits.size() * 1_024);
        for (ShownHit hit : hits) {
            html.append("<li class=\"search-hit\">\n  <a href=\"").append(HtmlText.escape(base + hit.href()))
                    .append("\" class=\"search-hit-link\"><strong>").append(HtmlText.escape(hit.path()))
                    .append("</strong></a>\n  <small class=\"matched-by\">").append(HtmlText.escape(hit.matchedBy()))
                    .append("</small>\n");
            if (hit.snippet() != null && !hit.snippet().html().isEmpty()) {
                html.append("  <p class=\"snippet\">").append(hit.snippet().html()).append("</p>\n");
            }
            for (Passage passage : hit.passages()) {
                html.append("  <blockquote class=\"chunk\">\n    <small class=\"breadcrumb\">")
                        .append(HtmlText.escape(passage.breadcrumb()))
                        .append("</small>\n    <span class=\"chunk-text\">").append(Html.ellipsesAsReferences(
                                HtmlText.escape(passage.text())))
                        .append("</span>\n  </blockquote>\n");
            }
            html.append("</li>\n");
        }
        return SafeHtml.trusted(html.toString());
    }

    /** The first 400 characters and an ellipsis (never half of a character outside the BMP). */
    static String shortened(String text) {
        if (text.length() <= PASSAGE_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(PASSAGE_CHARS - 1)) ? PASSAGE_CHARS - 1 : PASSAGE_CHARS;
        return text.substring(0, end) + " …";
    }
}
