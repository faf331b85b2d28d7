package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wikifarm.git.GitServlet;
import org.wikifarm.mcp.McpEndpoint;
import org.wikifarm.tenant.WikiForwardFilter;

/**
 * Single-wiki mode keeps {@link PlatformPaths#FIRST_SEGMENTS} for the platform and gives every other path to the
 * wiki, so the set must hold every first segment the platform serves: each servlet mapping {@code app.Bootstrap}
 * registers outside {@code /_wiki}, and each top-level folder of the web application.
 */
class PlatformPathsTest {
    /** The mapping constants Bootstrap may name, by how it names them. */
    private static final Map<String, String[]> CONSTANTS = Map.of(
            "PlatformServlet.PATHS", PlatformServlet.PATHS,
            "AdminServlet.PATHS", AdminServlet.PATHS,
            "SchemaAdminServlet.PATHS", SchemaAdminServlet.PATHS,
            "ErrorServlet.PATH", new String[] {ErrorServlet.PATH},
            "McpEndpoint.PATH", new String[] {McpEndpoint.PATH},
            "GitServlet.PATH", new String[] {GitServlet.PATH});

    @Test
    void everyServletMappingOfBootstrapOutsideTheWikiPrefixIsAPlatformSegment() throws IOException {
        String bootstrap = Files.readString(Path.of("src/main/java/org/wikifarm/app/Bootstrap.java"));
        List<String> mappings = new ArrayList<>();
        int at = bootstrap.indexOf("servlet(context, \"");
        int registrations = 0;
        while (at >= 0) {
            int end = bootstrap.indexOf(");\n", at);
            String call = bootstrap.substring(at, end);
            registrations++;
            int named = 0;
            for (Map.Entry<String, String[]> constant : CONSTANTS.entrySet()) {
                if (call.contains(constant.getKey())) {
                    mappings.addAll(List.of(constant.getValue()));
                    named++;
                }
            }
            int literal = call.lastIndexOf(", \"/");
            if (literal >= 0) {
                mappings.add(call.substring(literal + 3, call.indexOf('"', literal + 3)));
                named++;
            } else if (call.contains("WikiForwardFilter.WIKI_PREFIX + \"/")) {
                named++; // under /_wiki: the wiki's
            }
            assertThat(named).as("a registration whose mapping this test cannot read: %s", call).isPositive();
            at = bootstrap.indexOf("servlet(context, \"", end);
        }

        assertThat(registrations).isGreaterThanOrEqualTo(8);
        assertThat(mappings).contains("/api/v1/*", "/admin/*", "/login");
        for (String mapping : mappings) {
            if (mapping.startsWith(WikiForwardFilter.WIKI_PREFIX + "/") || mapping.isEmpty()) {
                continue;
            }
            assertThat(PlatformPaths.FIRST_SEGMENTS).as("the platform serves %s", mapping)
                    .contains(PlatformPaths.firstSegment(mapping));
        }
    }

    @Test
    void everyTopLevelFolderOfTheWebApplicationIsAPlatformSegment() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("src/main/webapp"))) {
            List<String> served = entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !name.equals("WEB-INF") && !name.equals("META-INF")).toList();
            assertThat(served).isNotEmpty();
            assertThat(PlatformPaths.FIRST_SEGMENTS).containsAll(served);
        }
        assertThat(getClass().getClassLoader().getResource("META-INF/resources/webjars")).isNotNull();
        assertThat(PlatformPaths.FIRST_SEGMENTS).contains("webjars", "admin", "login", "logout", "signup", "account",
                "select", "wikis", "_error", "api");
    }

    @Test
    void theWikisOwnWordsAreNotPlatformSegments() {
        assertThat(PlatformPaths.FIRST_SEGMENTS).doesNotContain("-", "mcp", ".git", "", "Home", "page");
    }
}
