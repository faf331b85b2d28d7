package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules under which {@link EscapingElInterpreter} makes every JSP value safe, checked over every JSP and tag file:
 * an expression in template text is escaped for HTML text and quoted attribute values, so it must be in one of those
 * places — never unquoted, never as a bare attribute, never in a script, style or event handler — and a URL attribute
 * may only start with one of the farm's own URL roots. Markup gets out only as {@code SafeHtml}, so there is nothing
 * like {@code escapeXml="false"} and no scriptlet.
 */
class JspEscapingTest {
    private static final Path WEBAPP = Path.of("src/main/webapp");

    /** Attributes whose value is a URL: a value starting with an expression could be {@code javascript:…}. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "cite", "poster",
            "data", "background", "ping");

    /** Expressions that are the start of this farm's own URLs (set by the servlets, never by a user). */
    private static final Set<String> URL_ROOTS = Set.of("${pageContext.request.contextPath}", "${ctx}", "${base}",
            "${link.url()}", "${line.url()}", "${createUrl}",
            // web.SignInLinks: the platform's own address; web.WikiChooser.Choice: a wiki's base URL.
            "${signIn.home()}", "${item.url()}",
            // web.Confirmation: the path the form was posted to (checked to start with one '/'), and a screen's URL.
            "${confirmAction}", "${cancelUrl}",
            "${not empty base ? base.concat('/') : pageContext.request.contextPath.concat('/')}");

    @Test
    void everyJspWritesValuesOnlyWhereTheyAreEscaped() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(WEBAPP)) {
            for (Path file : files.filter(JspEscapingTest::isJsp).sorted().toList()) {
                problems.addAll(new Scanner(WEBAPP.relativize(file).toString(),
                        Files.readString(file, StandardCharsets.UTF_8)).problems());
            }
        }
        assertThat(problems).as("JSP values outside the places where they are escaped").isEmpty();
    }

    @Test
    void theCheckFindsEachKindOfMistake() {
        assertThat(problems("<input value=${x}>")).singleElement().asString().contains("unquoted");
        assertThat(problems("<input ${x ? 'checked' : ''}>")).singleElement().asString().contains("outside");
        assertThat(problems("<a href=\"${url}\">")).singleElement().asString().contains("URL");
        assertThat(problems("<a href='<c:if test=\"${x}\">${url}</c:if>'>")).singleElement().asString()
                .contains("URL");
        assertThat(problems("<a onclick=\"go('${x}')\">")).singleElement().asString().contains("event handler");
        assertThat(problems("<div style=\"color: ${c}\">")).singleElement().asString().contains("style");
        assertThat(problems("<script>var a = '${x}';</script>")).singleElement().asString().contains("script");
        assertThat(problems("<c:out value=\"${x}\" escapeXml=\"false\"/>")).singleElement().asString()
                .contains("escapeXml");
        assertThat(problems("<%= request.getParameter(\"x\") %>")).singleElement().asString().contains("scriptlet");
        assertThat(problems("<a href=\"javascript:go()\">")).singleElement().asString().contains("javascript:");
        // What is allowed: quoted values, text, tags inside a tag, the farm's own URL roots.
        assertThat(problems("<p class=\"a ${b}\">${c}</p><input <c:if test=\"${d > 1}\">checked</c:if> "
                + "value='<c:out value=\"${e}\"/>'><a href=\"${base}/${f:path(p)}\">x</a><%-- ${ignored} --%>"))
                .isEmpty();
    }

    private static List<String> problems(String jsp) {
        return new Scanner("test.jsp", jsp).problems();
    }

    private static boolean isJsp(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jsp") || name.endsWith(".jspf") || name.endsWith(".tag");
    }

    /** A small linear scanner over JSP source: JSP elements, HTML tags and their attributes, text. */
    private static final class Scanner {
        private final String file;
        private final String text;
        private final List<String> problems = new ArrayList<>();
        private int at;

        Scanner(String file, String text) {
            this.file = file;
            this.text = text;
        }

        List<String> problems() {
            while (at < text.length()) {
                if (text.startsWith("<%--", at)) {
                    skipPast("--%>");
                } else if (text.startsWith("<%@", at)) {
                    skipPast("%>");
                } else if (text.startsWith("<%", at)) {
                    problem("a scriptlet or JSP expression");
                    skipPast("%>");
                } else if (isCustomTag(at)) {
                    customTag();
                } else if (text.startsWith("<", at) && at + 1 < text.length()
                        && Character.isLetter(text.charAt(at + 1))) {
                    htmlTag();
                } else {
                    at++;
                }
            }
            return problems;
        }

        private boolean isCustomTag(int from) {
            if (!text.startsWith("<", from)) {
                return false;
            }
            int i = from + 1;
            if (i < text.length() && text.charAt(i) == '/') {
                i++;
            }
            int start = i;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '-')) {
                i++;
            }
            return i > start && i < text.length() && text.charAt(i) == ':';
        }

        /** {@code <c:out …>}, {@code </c:if>}: its attributes are tag attributes (not written out); skipped. */
        private void customTag() {
            int start = at;
            char quote = 0;
            at++;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    at++;
                    break;
                }
                at++;
            }
            String tag = text.substring(start, Math.min(at, text.length()));
            String compact = tag.replace(" ", "").toLowerCase(Locale.ROOT);
            if (compact.contains("escapexml=\"false\"") || compact.contains("escapexml='false'")) {
                problem("escapeXml=\"false\" in " + tag);
            }
        }

        private void htmlTag() {
            int nameStart = at + 1;
            at = nameStart;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '-')) {
                at++;
            }
            String name = text.substring(nameStart, at).toLowerCase(Locale.ROOT);
            while (at < text.length()) {
                char c = text.charAt(at);
                if (Character.isWhitespace(c) || c == '/') {
                    at++;
                } else if (c == '>') {
                    at++;
                    break;
                } else if (isCustomTag(at)) {
                    customTag();
                } else if (text.startsWith("${", at)) {
                    problem("an expression inside <" + name + "> outside any attribute value (write attributes with "
                            + "<c:if> instead)");
                    skipPast("}");
                } else {
                    attribute(name);
                }
            }
            if (name.equals("script") || name.equals("style")) {
                int end = text.indexOf("</" + name, at);
                String body = text.substring(at, end < 0 ? text.length() : end);
                if (body.contains("${")) {
                    problem("an expression inside <" + name + ">");
                }
                at = end < 0 ? text.length() : end;
            }
        }

        private void attribute(String tag) {
            int start = at;
            while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && "=>/".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String name = text.substring(start, at).toLowerCase(Locale.ROOT);
            if (at >= text.length() || text.charAt(at) != '=') {
                if (at == start) {
                    at++;
                }
                return;
            }
            at++;
            String value;
            if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
                char quote = text.charAt(at);
                int end = text.indexOf(quote, at + 1);
                end = end < 0 ? text.length() : end;
                value = text.substring(at + 1, end);
                at = Math.min(text.length(), end + 1);
            } else {
                int valueStart = at;
                while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != '>') {
                    at++;
                }
                value = text.substring(valueStart, at);
                if (value.contains("${")) {
                    problem("an unquoted attribute value with an expression: " + name + "=" + value);
                }
            }
            check(tag, name, withoutCustomTags(value).strip());
        }

        /** An attribute value as the browser may get it: {@code <c:if …>} and {@code </c:if>} around parts dropped. */
        private static String withoutCustomTags(String value) {
            StringBuilder out = new StringBuilder(value.length());
            int i = 0;
            while (i < value.length()) {
                int open = value.indexOf('<', i);
                if (open < 0) {
                    out.append(value, i, value.length());
                    break;
                }
                out.append(value, i, open);
                int close = value.indexOf('>', open);
                boolean custom = new Scanner("", value).isCustomTag(open);
                if (!custom || close < 0) {
                    out.append('<');
                    i = open + 1;
                } else {
                    i = close + 1;
                }
            }
            return out.toString();
        }

        private void check(String tag, String name, String value) {
            boolean dynamic = value.contains("${");
            if (name.startsWith("on")) {
                problem("an event handler " + name + " on <" + tag + "> (blocked by the CSP; use a script file)");
            } else if (name.equals("style") && dynamic) {
                problem("an expression in a style attribute on <" + tag + ">");
            }
            boolean url = URL_ATTRIBUTES.contains(name) || (name.startsWith("data-") && name.endsWith("-url"));
            if (url && value.toLowerCase(Locale.ROOT).startsWith("javascript:")) {
                problem("a javascript: URL in " + name + " on <" + tag + ">");
            }
            if (url && value.startsWith("${") && URL_ROOTS.stream().noneMatch(value::startsWith)) {
                problem("a URL attribute " + name + "=\"" + value + "\" on <" + tag + "> that starts with an expression "
                        + "other than the farm's own URL roots " + URL_ROOTS);
            }
        }

        private void skipPast(String end) {
            int found = text.indexOf(end, at);
            at = found < 0 ? text.length() : found + end.length();
        }

        private void problem(String what) {
            int line = 1;
            for (int i = 0; i < Math.min(at, text.length()); i++) {
                line += text.charAt(i) == '\n' ? 1 : 0;
            }
            problems.add(file + ":" + line + ": " + what);
        }
    }
}
