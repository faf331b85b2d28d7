package org.wikifarm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A made-up but ordinary documentation wiki: {@code Home} and pages in nested folders ({@code guide/install},
 * {@code reference/api/tokens}, …), each with headings, paragraphs, bullet and numbered lists, a table, a fenced
 * code block and several {@code [[wiki links]]} to other pages of the wiki. The same every run (fixed seeds).
 */
final class WikiCorpus {
    private static final String[] FOLDERS = {"guide", "guide/admin", "reference/api", "reference/cli", "howto",
        "projects/2026", "team", "ops/runbooks"};
    private static final String[] TOPICS = {"install", "configure", "upgrade", "backup", "restore", "search",
        "tokens", "members", "themes", "import", "export", "migrate", "monitoring", "logging", "caching", "quotas",
        "webhooks", "storage", "sessions", "security", "proxy", "domains", "templates", "attachments", "history"};
    private static final String[] WORDS = ("the wiki server page folder owner member token request setting default"
            + " value backup archive index link history revision proxy domain cache session storage quota account"
            + " database repository commit template theme export import search log metric alert upgrade release"
            + " version schedule reader writer admin").split(" ");
    private static final String[] LANGUAGES = {"sh", "yaml", "java", "json"};

    private WikiCorpus() {
    }

    /** {@code count} pages, path → Markdown, {@code Home} first; {@code guide/install} is a long one (~4 KB). */
    static Map<String, String> pages(int count) {
        List<String> paths = new ArrayList<>();
        paths.add("Home");
        for (int i = 0; paths.size() < count; i++) {
            paths.add(FOLDERS[i / TOPICS.length % FOLDERS.length] + "/" + TOPICS[i % TOPICS.length]
                    + (i < FOLDERS.length * TOPICS.length ? "" : "-" + i));
        }
        Map<String, String> pages = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            pages.put(path, page(path, paths, new Random(i), path.equals("guide/install") ? 4 : 2));
        }
        return pages;
    }

    private static String page(String path, List<String> all, Random random, int sections) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(capitalise(name)).append("\n\n");
        md.append(sentences(random, 3)).append(" Start from [[Home|the home page]] or read [[")
                .append(other(all, random, path)).append("]] first.\n\n");
        for (int s = 0; s < sections; s++) {
            md.append("## ").append(capitalise(words(random, 2))).append("\n\n");
            md.append(sentences(random, 4)).append(" Uses `").append(WORDS[random.nextInt(WORDS.length)])
                    .append(".").append(WORDS[random.nextInt(WORDS.length)]).append("` and **")
                    .append(words(random, 2)).append("**.\n\n");
            for (int item = 0; item < 4; item++) {
                md.append("- ").append(capitalise(words(random, 5)));
                if (item % 2 == 0) {
                    md.append(", see [[").append(other(all, random, path)).append("]]");
                }
                md.append(".\n");
            }
            md.append("\n### Steps\n\n");
            for (int step = 1; step <= 3; step++) {
                md.append(step).append(". ").append(capitalise(words(random, 6))).append(".\n");
            }
            md.append('\n');
        }
        md.append("## Settings\n\n| Setting | Default | What it does |\n|---|---|---|\n");
        for (int row = 0; row < 5; row++) {
            md.append("| `").append(name).append('.').append(WORDS[random.nextInt(WORDS.length)]).append("` | ")
                    .append(random.nextInt(1000)).append(" | ").append(capitalise(words(random, 6))).append(" |\n");
        }
        md.append("\n## Example\n\n```").append(LANGUAGES[random.nextInt(LANGUAGES.length)]).append('\n');
        for (int line = 0; line < 8; line++) {
            md.append(WORDS[random.nextInt(WORDS.length)]).append('.').append(WORDS[random.nextInt(WORDS.length)])
                    .append(" = ").append(random.nextInt(10_000)).append('\n');
        }
        md.append("```\n\n> ").append(sentences(random, 1)).append("\n\n## See also\n\n");
        for (int link = 0; link < 3; link++) {
            String target = other(all, random, path);
            md.append("- [[").append(target).append('|').append(capitalise(target.replace('/', ' ')))
                    .append("]]\n");
        }
        return md.toString();
    }

    private static String other(List<String> all, Random random, String self) {
        String target = all.get(random.nextInt(all.size()));
        return target.equals(self) ? "Home" : target;
    }

    private static String sentences(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(capitalise(words(random, 8 + random.nextInt(8)))).append('.');
        }
        return text.toString();
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
