package org.wikifarm.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No backtracking regular expression runs over user text. Every use of {@code java.util.regex} in the product (and of
 * the {@code String} methods that compile one) is listed here with why it is safe: a pattern that cannot backtrack
 * (one character class with one quantifier, alternatives that start differently, a bounded repetition over input that
 * is bounded first) or input that is configuration, not user text. A new use fails this test until it is rewritten as
 * a loop — the usual answer for user text — or added with its reason.
 */
class RegexUseTest {
    private static final Path MAIN = Path.of("src/main/java");

    /** "file: the expression" → why it is safe. */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("page/RevisionId.java: Pattern.compile(\"[0-9a-f]{40}\")",
                    "one class, a fixed count: linear"),
            Map.entry("store/TenantId.java: Pattern.compile(\"[a-z2-7]{12}\")", "one class, a fixed count: linear"),
            Map.entry("tenant/NameRules.java: Pattern.compile(\"[a-z0-9-]+\")",
                    "one class, one quantifier, over a name already checked to be at most 30 characters"),
            Map.entry("auth/TrustedProxies.java: .matches(\"\\\\d{1,3}(\\\\.\\\\d{1,3}){3}\")",
                    "configuration (trustedProxies), not user text; bounded counts"),
            Map.entry("auth/TrustedProxies.java: .matches(\"[0-9a-fA-F:.%]+\")",
                    "configuration (trustedProxies); one class, one quantifier"),
            Map.entry("config/Settings.java: .matches(\"int8|fp32|off\")", "configuration"),
            Map.entry("config/Settings.java: .replaceAll(\"\\\\.$\", \"\")",
                    "configuration"),
            Map.entry("config/Settings.java: .replaceAll(\"([a-z])([A-Z])\", \"$1_$2\")", "our own setting names"),
            Map.entry("http/SecurityHeadersFilter.java: Pattern.compile(\"[a-z0-9.-]+(:[0-9]+)?\")",
                    "configuration (baseDomain)"),
            Map.entry("render/HtmlPolicy.java: Pattern.compile(\"[\\\\p{L}\\\\p{N}\\\\p{M}_-]{1,200}\")",
                    "one class, bounded count: linear in the attribute"),
            Map.entry("render/HtmlPolicy.java: Pattern.compile(\"language-[A-Za-z0-9_+#.-]{1,40}\")",
                    "a literal, then one class with a bounded count"),
            Map.entry("render/HtmlPolicy.java: Pattern.compile(\"[0-9]{1,9}\")", "one class, bounded count"),
            Map.entry("mcp/ToolResults.java: Pattern.compile(\"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);\")",
                    "every attempt starts at '&' and stops at the first character outside its class, which a later"
                            + " attempt's '&' is: linear"),
            Map.entry("search/lucene/TextSearch.java: .split(\"<mark>\", -1)", "a literal: linear"),
            Map.entry("search/lucene/TextSearch.java: .split(\"</mark>\", -1)", "a literal: linear"));

    /** The calls that compile a regular expression. {@code String.split} with one plain character does not. */
    private static final List<String> REGEX_CALLS = List.of("Pattern.compile(", ".matches(\"", ".replaceAll(",
            ".replaceFirst(", "Pattern.matches(");

    @Test
    void everyRegularExpressionIsListedWithWhyItIsSafe() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = MAIN.resolve("org/wikifarm").relativize(file).toString();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    found.addAll(uses(name, line.strip()));
                }
            }
        }
        assertThat(found).as("regular expressions in the product; rewrite as a loop or list here with a reason")
                .allSatisfy(use -> assertThat(ALLOWED).containsKey(use));
    }

    /** "file: call(arguments)" for each regex call on the line. */
    static List<String> uses(String file, String line) {
        List<String> uses = new ArrayList<>();
        if (line.startsWith("//") || line.startsWith("*")) {
            return uses;
        }
        for (String call : REGEX_CALLS) {
            for (int at = line.indexOf(call); at >= 0; at = line.indexOf(call, at + 1)) {
                int open = line.indexOf('(', at);
                uses.add(file + ": " + line.substring(at, closing(line, open) + 1));
            }
        }
        for (int at = line.indexOf(".split(\""); at >= 0; at = line.indexOf(".split(\"", at + 1)) {
            int open = at + ".split(\"".length();
            int close = line.indexOf('"', open);
            String separator = line.substring(open, close);
            boolean plainCharacter = separator.length() == 1 && !".$|()[{^?*+\\".contains(separator);
            boolean escapedCharacter = separator.equals("\\n") || separator.equals("\\t");
            if (!plainCharacter && !escapedCharacter) {
                uses.add(file + ": " + line.substring(at, closing(line, at + ".split".length()) + 1));
            }
        }
        return uses;
    }

    private static int closing(String line, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && line.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return line.length() - 1;
    }

    @Test
    void theScanFindsEachKindOfCall() {
        assertThat(uses("x.java", "Pattern p = Pattern.compile(\"a+b\");")).containsExactly(
                "x.java: Pattern.compile(\"a+b\")");
        assertThat(uses("x.java", "s.trim().replaceAll(\"(a|b)+$\", \"\")")).containsExactly(
                "x.java: .replaceAll(\"(a|b)+$\", \"\")");
        assertThat(uses("x.java", "s.split(\"\\n\", -1)")).isEmpty();
        assertThat(uses("x.java", "s.split(\"\\\\s+\")")).containsExactly("x.java: .split(\"\\\\s+\")");
        assertThat(uses("x.java", "s.split(\"/\", -1)")).isEmpty();
    }
}
