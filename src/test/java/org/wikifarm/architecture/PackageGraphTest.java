package org.wikifarm.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of {@code src/main/java} is what docs/architecture.md draws: no cycles, and every import points
 * down its list of layers. A package's dependencies are read from its imports and from names written out in full in
 * its code ({@code org.wikifarm.x.Y}); comments and strings do not count.
 */
class PackageGraphTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path ARCHITECTURE = Path.of("docs/architecture.md");
    private static final String ROOT = "org.wikifarm.";

    @Test
    void thePackagesFormNoCycle() throws IOException {
        assertThat(cycles(graph(MAIN))).as("package cycles").isEmpty();
    }

    @Test
    void everyImportPointsDownTheLayersOfTheArchitecture() throws IOException {
        Map<String, Set<String>> graph = graph(MAIN);
        List<Set<String>> layers = layers(Files.readString(ARCHITECTURE, StandardCharsets.UTF_8));
        assertThat(layered(layers)).as("packages in the drawing").containsAll(graph.keySet());
        assertThat(violations(graph, layers)).as("imports against the layers").isEmpty();
    }

    // ---- the checker on made-up graphs

    @Test
    void theCheckerFindsACycleOfAnyLength() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of(), "e", Set.of("e")));
        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
        assertThat(cycles(Map.of("page", Set.of("page.git"), "page.git", Set.of("page"))))
                .containsExactly(List.of("page", "page.git"));
        assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }

    @Test
    void theCheckerFindsImportsUpOrSideways() {
        List<Set<String>> layers = layers("""
                text before
                ```
                app — the root
                api, web — doors
                page
                error
                ```
                ```
                not a layer block
                ```
                """);
        assertThat(layers).containsExactly(Set.of("app"), Set.of("api", "web"), Set.of("page"), Set.of("error"));
        Map<String, Set<String>> graph = Map.of("app", Set.of("api", "page"), "api", Set.of("page", "web"),
                "web", Set.of("error"), "page", Set.of("error", "app"), "error", Set.of());
        assertThat(violations(graph, layers)).containsExactly("api -> web", "page -> app");
        assertThat(violations(Map.of("app", Set.of(), "unknown", Set.of("app")), layers))
                .containsExactly("unknown -> app");
    }

    @Test
    void dependenciesComeFromImportsAndFullNamesInCode() {
        String source = """
                package org.wikifarm.web;

                import static org.wikifarm.mcp.Tools.call;
                import org.wikifarm.page.git.GitPageStore;
                import java.util.List;

                /** Mentions {@link org.wikifarm.search.SearchService} in a comment only. */
                class X {
                    String s = "org.wikifarm.store.Nothing";
                    Object o = new org.wikifarm.error.WikifarmException.NotFound("a", "b");
                    // org.wikifarm.auth.Permissions
                    Object p = org.wikifarm.tenant.NameRules.isValid("x");
                }
                """;
        assertThat(packageOf(source)).isEqualTo("web");
        assertThat(dependencies(source)).containsExactlyInAnyOrder("mcp", "page.git", "error", "tenant");
    }

    // ---- reading the code

    private static Map<String, Set<String>> graph(Path root) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                String pkg = packageOf(source);
                Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                dependencies(source).stream().filter(dependency -> !dependency.equals(pkg)).forEach(uses::add);
            }
        }
        return graph;
    }

    /** The package below {@code org.wikifarm}, e.g. {@code page.git}. */
    static String packageOf(String source) {
        String code = JavaSource.code(source);
        int at = code.indexOf("package " + ROOT);
        int end = code.indexOf(';', at);
        return code.substring(at + "package ".length() + ROOT.length(), end).strip();
    }

    /** The packages of {@code org.wikifarm} the source names in imports or in code, outside comments and strings. */
    static Set<String> dependencies(String source) {
        String code = JavaSource.code(source);
        Set<String> packages = new TreeSet<>();
        for (int at = code.indexOf(ROOT); at >= 0; at = code.indexOf(ROOT, at + 1)) {
            if (at > 0 && Character.isJavaIdentifierPart(code.charAt(at - 1))) {
                continue;
            }
            if (code.startsWith("package ", Math.max(0, at - "package ".length()))) {
                continue;
            }
            packages.add(packageIn(code, at + ROOT.length()));
        }
        return packages;
    }

    /** The lower-case segments of the dotted name starting at {@code from}: its package, before the class. */
    private static String packageIn(String code, int from) {
        StringBuilder pkg = new StringBuilder();
        int i = from;
        while (i < code.length() && Character.isLowerCase(code.charAt(i))) {
            int end = i;
            while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
                end++;
            }
            if (!pkg.isEmpty()) {
                pkg.append('.');
            }
            pkg.append(code, i, end);
            if (end >= code.length() || code.charAt(end) != '.') {
                break;
            }
            i = end + 1;
        }
        return pkg.toString();
    }

    // ---- the drawing

    /**
     * The layers in the first fenced block whose every line names packages before an optional {@code " — "}: top
     * first, the packages of a line separated by commas.
     */
    static List<Set<String>> layers(String markdown) {
        List<String> lines = markdown.lines().toList();
        int i = 0;
        while (i < lines.size()) {
            if (!lines.get(i).startsWith("```")) {
                i++;
                continue;
            }
            List<Set<String>> layers = new ArrayList<>();
            boolean all = true;
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
                Set<String> layer = layer(lines.get(j));
                all &= layer != null;
                if (layer != null) {
                    layers.add(layer);
                }
            }
            if (all && !layers.isEmpty()) {
                return layers;
            }
            i = j + 1;
        }
        return List.of();
    }

    private static Set<String> layer(String line) {
        int dash = line.indexOf(" — ");
        String names = dash < 0 ? line : line.substring(0, dash);
        Set<String> layer = new TreeSet<>();
        for (String name : names.split(",")) {
            String pkg = name.strip();
            if (pkg.isEmpty() || !isPackageName(pkg)) {
                return null;
            }
            layer.add(pkg);
        }
        return layer;
    }

    private static boolean isPackageName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '.' && i > 0 && i < name.length() - 1)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> layered(List<Set<String>> layers) {
        Set<String> all = new TreeSet<>();
        layers.forEach(all::addAll);
        return all;
    }

    /** "from -> to" for each import that does not point to a lower layer (a package not drawn is in no layer). */
    static List<String> violations(Map<String, Set<String>> graph, List<Set<String>> layers) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (String pkg : layers.get(i)) {
                rank.put(pkg, i);
            }
        }
        List<String> violations = new ArrayList<>();
        new TreeMap<>(graph).forEach((from, uses) -> uses.stream().sorted().forEach(to -> {
            Integer a = rank.get(from);
            Integer b = rank.get(to);
            if (a == null || b == null || b <= a) {
                violations.add(from + " -> " + to);
            }
        }));
        return violations;
    }

    // ---- cycles

    /** The strongly connected components of more than one package (Tarjan's algorithm, without recursion), sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> cycles = new ArrayList<>();
        int[] counter = {0};
        for (String start : new TreeSet<>(graph.keySet())) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {start, new ArrayList<>(graph.getOrDefault(start, Set.of())).iterator()});
            index.put(start, counter[0]);
            low.put(start, counter[0]++);
            stack.push(start);
            onStack.add(start);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                @SuppressWarnings("unchecked")
                Iterator<String> next = (Iterator<String>) frame[1];
                if (next.hasNext()) {
                    String w = next.next();
                    if (!graph.containsKey(w)) {
                        continue;
                    }
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, new ArrayList<>(graph.getOrDefault(w, Set.of())).iterator()});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> component = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    if (component.size() > 1) {
                        component.sort(null);
                        cycles.add(component);
                    }
                }
            }
        }
        cycles.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return cycles;
    }
}
