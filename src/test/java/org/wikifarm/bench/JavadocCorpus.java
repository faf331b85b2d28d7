package org.wikifarm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real prose for search benchmarks, from the running JDK's {@code lib/src.zip}: one wiki page per documented public
 * class, the class's Javadoc as its introduction and a {@code ##} section per documented member. HTML and inline
 * tags are reduced to words; block tags ({@code @param} …) are dropped. Deterministic: classes in name order.
 */
public final class JavadocCorpus {
    private static final Pattern DOC = Pattern.compile("/\\*\\*(.*?)\\*/\\s*([^;{]*?)[;{]", Pattern.DOTALL);
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s+([^}]*)}");
    private static final Pattern HTML = Pattern.compile("<[^>]+>");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|interface|enum|record)\\s+(\\w+)");
    private static final Pattern MEMBER = Pattern.compile("(\\w+)\\s*\\(");
    private static final int MAX_WORDS = 3_000;
    private static final int MIN_WORDS = 60;

    /** A page: its path in the wiki and its Markdown. */
    public record Page(String path, String markdown) {
    }

    private JavadocCorpus() {
    }

    /** The running JDK's sources, else any JDK's under {@code /usr/lib/jvm} (Debian: {@code openjdk-17-source}). */
    static Path sourceZip() {
        Path own = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        if (Files.exists(own)) {
            return own;
        }
        try (var jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.sorted().map(jdk -> jdk.resolve("lib/src.zip")).filter(Files::exists).findFirst().orElse(own);
        } catch (IOException e) {
            return own;
        }
    }

    /** Up to {@code count} pages, skipping the first {@code skip} eligible classes. */
    public static List<Page> pages(int skip, int count) {
        Path zip = sourceZip();
        if (!Files.exists(zip)) {
            throw new IllegalStateException("The search benchmark reads prose from " + zip
                    + " (the JDK's sources); install the JDK's source package.");
        }
        List<Page> pages = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = file.stream()
                    .filter(e -> e.getName().endsWith(".java") && !e.getName().endsWith("package-info.java")
                            && !e.getName().endsWith("module-info.java")
                            && e.getName().matches("[a-z.]+/(java|javax|jdk|com/sun|sun|org)/.*"))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            int eligible = 0;
            for (ZipEntry entry : entries) {
                if (pages.size() >= count) {
                    break;
                }
                String source = new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                String markdown = markdown(source);
                if (markdown == null || words(markdown) < MIN_WORDS) {
                    continue;
                }
                if (eligible++ < skip) {
                    continue;
                }
                String name = entry.getName();
                String path = name.substring(name.indexOf('/') + 1, name.length() - ".java".length());
                pages.add(new Page(path, markdown));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static String markdown(String source) {
        StringBuilder page = new StringBuilder();
        int words = 0;
        boolean titled = false;
        Matcher doc = DOC.matcher(source);
        while (doc.find() && words < MAX_WORDS) {
            String text = prose(doc.group(1));
            String declaration = doc.group(2).replaceAll("@\\w+(\\([^)]*\\))?", " ").strip();
            if (text.isBlank()) {
                continue;
            }
            Matcher type = TYPE_DECLARATION.matcher(declaration);
            if (!titled && type.find()) {
                page.append("# ").append(type.group(2)).append("\n\n");
                titled = true;
            } else if (titled) {
                Matcher member = MEMBER.matcher(declaration);
                String heading = member.find() ? member.group(1) : declaration.replaceAll(".*\\s", "");
                if (heading.isBlank() || declaration.matches("(?s).*\\bprivate\\b.*")) {
                    continue;
                }
                page.append("## ").append(heading).append("\n\n");
            } else {
                continue;
            }
            page.append(text).append("\n\n");
            words += words(text);
        }
        return titled ? page.toString() : null;
    }

    /** A Javadoc comment as paragraphs of plain words. */
    static String prose(String comment) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\\R")) {
            String stripped = line.strip().replaceFirst("^\\*\\s?", "");
            if (stripped.startsWith("@")) {
                break;
            }
            text.append(stripped).append('\n');
        }
        String plain = INLINE_TAG.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).contains("#") ? m.group(1).substring(m.group(1).indexOf('#') + 1) : m.group(1)));
        plain = plain.replaceAll("(?i)<p>|</p>|<pre>|</pre>|<ul>|</ul>|<li>", "\n\n");
        plain = HTML.matcher(plain).replaceAll("");
        plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\"");
        StringBuilder paragraphs = new StringBuilder();
        for (String paragraph : plain.split("\\n\\s*\\n")) {
            String joined = paragraph.replaceAll("\\s+", " ").strip();
            if (!joined.isEmpty()) {
                paragraphs.append(joined).append("\n\n");
            }
        }
        return paragraphs.toString().strip();
    }

    static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
