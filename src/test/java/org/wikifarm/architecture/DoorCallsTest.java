package org.wikifarm.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The doors stay thin: every handler of the REST, MCP and web doors that works with pages makes at most one call to
 * {@code PageService} — the service decides rights once and leases the wiki once per operation, and a door that
 * made two calls would decide twice and could answer from two states of the wiki. Read from the sources: a handler is
 * a method that is not private; the calls of the private methods it reaches count as its own, and so do those of the
 * handlers it calls once it calls the service itself; a handler that only chooses between other handlers (GET or
 * POST) makes none itself. {@code limits()} reads configuration, not a wiki,
 * and does not count.
 */
class DoorCallsTest {
    private static final Path MAIN = Path.of("src/main/java/org/wikifarm");
    private static final List<String> DOORS = List.of("api/PageResource.java", "api/DraftResource.java",
            "api/AttachmentResource.java", "mcp/AttachmentTools.java", "web/AttachmentScreens.java",
            "mcp/ReadTools.java", "mcp/WriteTools.java", "mcp/PageResources.java", "web/PageScreens.java",
            "web/PageForms.java", "web/ChangesFeed.java");
    private static final String SERVICE = "PageService";

    @Test
    void everyHandlerCallsThePageServiceAtMostOnce() throws IOException {
        Map<String, Integer> tooMany = new LinkedHashMap<>();
        int handlers = 0;
        for (String door : DOORS) {
            Map<String, Integer> calls = serviceCalls(Files.readString(MAIN.resolve(door), StandardCharsets.UTF_8));
            handlers += calls.size();
            calls.forEach((handler, count) -> {
                if (count > 1) {
                    tooMany.put(door + " " + handler, count);
                }
            });
        }
        assertThat(handlers).as("handlers found").isGreaterThan(40);
        assertThat(tooMany).as("handlers with more than one PageService call").isEmpty();
    }

    @Test
    void theCountFollowsPrivateHelpersAndIgnoresConfiguration() {
        String door = """
                package org.wikifarm.web;

                final class Door {
                    private final PageService pages;
                    private final Other other;

                    Door(PageService pages) {
                        this.pages = pages;
                    }

                    void one(WikiRequest wiki) {
                        show(pages.read(wiki.caller(), wiki.wiki(), wiki.path(), null), pages.limits());
                    }

                    void two(WikiRequest wiki) {
                        String diff = PageService.compare(wiki.path(), "a", "b"); // pages.read(
                        helper(wiki);
                    }

                    void router(WikiRequest wiki) {
                        if (wiki.isPost()) {
                            one(wiki);
                        } else {
                            two(wiki);
                        }
                    }

                    void recursive(WikiRequest wiki) {
                        again(wiki);
                    }

                    void oneAndAnother(WikiRequest wiki) {
                        pages.list(wiki.caller(), wiki.wiki(), null);
                        one(wiki);
                    }

                    @GET
                    @Path("pages/{path: .+}")
                    public Page annotated(@PathParam("path") String path, @QueryParam("revision") String revision) {
                        return pages.read(null, null, new PagePath(path), revision);
                    }

                    private void helper(WikiRequest wiki) {
                        String s = "pages.save(";
                        pages.save(wiki.caller(), wiki.wiki(), wiki.path(), "x", null, null);
                        other.pages.list();
                    }

                    private void again(WikiRequest wiki) {
                        again(wiki);
                        pages.list(wiki.caller(), wiki.wiki(), null);
                    }

                    private record Shown(String text) {
                        String text() {
                            return text;
                        }
                    }
                }
                """;
        assertThat(serviceCalls(door)).containsExactly(Map.entry("Door", 0), Map.entry("one", 1),
                Map.entry("two", 2), Map.entry("router", 0), Map.entry("recursive", 1), Map.entry("oneAndAnother", 2),
                Map.entry("annotated", 1));
    }

    /** Each non-private method of the class and how many service calls it makes, its private helpers' included. */
    static Map<String, Integer> serviceCalls(String source) {
        String code = JavaSource.code(source);
        String field = serviceField(code);
        Map<String, Method> methods = methods(code);
        Map<String, Integer> counts = new LinkedHashMap<>();
        methods.forEach((name, method) -> {
            if (!method.isPrivate()) {
                int own = count(method, field, methods, new HashSet<>());
                // A handler that calls the service itself and then another handler makes both calls.
                if (own > 0) {
                    for (Method other : methods.values()) {
                        if (!other.isPrivate() && other != method && callsMethod(method.body(), other.name())) {
                            own += count(other, field, methods, new HashSet<>());
                        }
                    }
                }
                counts.put(name, own);
            }
        });
        return counts;
    }

    private record Method(String name, boolean isPrivate, String body) {
    }

    /** The name of the field that holds the service, e.g. {@code pages}. */
    private static String serviceField(String code) {
        int at = code.indexOf(SERVICE + " ");
        while (at >= 0) {
            int start = at + SERVICE.length() + 1;
            int end = start;
            while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
                end++;
            }
            if (end < code.length() && code.charAt(end) == ';') {
                return code.substring(start, end);
            }
            at = code.indexOf(SERVICE + " ", end);
        }
        throw new AssertionError("no " + SERVICE + " field");
    }

    /** The methods and constructors declared in the class body (not those of nested types), by name. */
    private static Map<String, Method> methods(String code) {
        Map<String, Method> methods = new LinkedHashMap<>();
        int open = code.indexOf('{');
        int depth = 0;
        int headerStart = open + 1;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
                if (depth == 2) {
                    String header = code.substring(headerStart, i);
                    int close = closing(code, i);
                    Method method = method(header, code.substring(i + 1, close));
                    if (method != null) {
                        methods.put(method.name(), method);
                    }
                    i = close;
                    depth = 1;
                    headerStart = close + 1;
                }
            } else if (c == '}') {
                depth--;
            } else if (c == ';' && depth == 1) {
                headerStart = i + 1;
            }
        }
        return methods;
    }

    /** The method a header such as {@code private void show(WikiRequest wiki) throws IOException} declares, or null. */
    private static Method method(String header, String body) {
        if (header.contains("=") || hasWord(header, "class") || hasWord(header, "record")
                || hasWord(header, "interface") || hasWord(header, "enum")) {
            return null;
        }
        // The parameter list is the first parenthesis that does not follow an annotation's name.
        for (int paren = header.indexOf('('); paren >= 0; paren = header.indexOf('(', closingParen(header, paren))) {
            int end = paren;
            while (end > 0 && Character.isWhitespace(header.charAt(end - 1))) {
                end--;
            }
            int start = end;
            while (start > 0 && Character.isJavaIdentifierPart(header.charAt(start - 1))) {
                start--;
            }
            if (start < end && (start == 0 || header.charAt(start - 1) != '@')) {
                return new Method(header.substring(start, end), hasWord(header.substring(0, start), "private"), body);
            }
        }
        return null;
    }

    private static int closingParen(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '(') {
                depth++;
            } else if (text.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private static int count(Method method, String field, Map<String, Method> methods, Set<String> seen) {
        if (!seen.add(method.name())) {
            return 0;
        }
        String body = method.body();
        int calls = 0;
        for (String receiver : List.of(field + ".", SERVICE + ".")) {
            for (int at = body.indexOf(receiver); at >= 0; at = body.indexOf(receiver, at + 1)) {
                boolean own = at == 0 || !Character.isJavaIdentifierPart(body.charAt(at - 1))
                        && body.charAt(at - 1) != '.' || body.startsWith("this.", at - 5);
                String called = identifierAt(body, at + receiver.length());
                if (own && !called.equals("limits") && body.startsWith("(", at + receiver.length() + called.length())) {
                    calls++;
                }
            }
        }
        for (Method helper : methods.values()) {
            if (helper.isPrivate() && callsMethod(body, helper.name())) {
                calls += count(helper, field, methods, seen);
            }
        }
        return calls;
    }

    /** Whether the body calls a method of this name on this object (not on another one). */
    private static boolean callsMethod(String body, String name) {
        for (int at = body.indexOf(name + "("); at >= 0; at = body.indexOf(name + "(", at + 1)) {
            boolean wholeWord = at == 0 || !Character.isJavaIdentifierPart(body.charAt(at - 1));
            boolean onThis = at == 0 || body.charAt(at - 1) != '.' || body.startsWith("this.", at - 5);
            if (wholeWord && onThis) {
                return true;
            }
        }
        return false;
    }

    private static String identifierAt(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        return text.substring(from, end);
    }

    private static boolean hasWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            boolean before = at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1));
            int after = at + word.length();
            if (before && (after == text.length() || !Character.isJavaIdentifierPart(text.charAt(after)))) {
                return true;
            }
        }
        return false;
    }

    private static int closing(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == '{') {
                depth++;
            } else if (code.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced braces");
    }
}
