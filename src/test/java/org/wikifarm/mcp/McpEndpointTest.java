package org.wikifarm.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wikifarm.config.Settings;
import org.wikifarm.app.TestFarm;

class McpEndpointTest {
    @Test
    void everyToolInTheCatalogHasAHandlerAndValidSchemas() {
        DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();
        WikiTools tools = new WikiTools(null, null, new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind
                .ObjectMapper()), validator, Settings.Limits.DEFAULT);
        assertThat(tools.tools()).hasSize(17);
        for (McpSchema.Tool tool : tools.tools()) {
            assertThat(validator.validateSchema(tool.inputSchema()).valid()).as(tool.name()).isTrue();
            assertThat(validator.validateSchema(tool.outputSchema()).valid()).as(tool.name()).isTrue();
            assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().destructiveHint()).as(tool.name()).isEqualTo(!WikiTools.isReadOnly(tool));
        }
    }

    @Test
    void everyStringArgumentIsBoundedAndTheLimitsComeFromTheSettings() {
        Settings.Limits limits = TestFarm.limits().maxPageBytes(5000).maxMessageChars(300).build();
        WikiTools tools = new WikiTools(null, null, new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind
                .ObjectMapper()), new DefaultJsonSchemaValidator(), limits);

        for (McpSchema.Tool tool : tools.tools()) {
            properties(tool).forEach((name, schema) -> {
                Map<?, ?> property = (Map<?, ?>) schema;
                if ("string".equals(property.get("type"))) {
                    assertThat(property.get("maxLength") != null || property.get("pattern") != null
                            || property.get("enum") != null).as("%s.%s has a maxLength, pattern or enum", tool.name(),
                            name).isTrue();
                }
            });
        }
        McpSchema.Tool write = tools.tools().stream().filter(t -> t.name().equals("write_note")).findFirst()
                .orElseThrow();
        assertThat(((Map<?, ?>) properties(write).get("content")).get("maxLength")).isEqualTo(5000);
        assertThat(((Map<?, ?>) properties(write).get("commit_message")).get("maxLength")).isEqualTo(300);
    }

    private static Map<?, ?> properties(McpSchema.Tool tool) {
        return (Map<?, ?>) ((Map<?, ?>) tool.inputSchema()).get("properties");
    }

    @Test
    void closingStopsEveryThreadTheSdkStarted() {
        Set<String> before = threadNames();
        McpEndpoint endpoint = new McpEndpoint(null, null, null, false, 1 << 20, Settings.Limits.DEFAULT);
        assertThat(newThreads(before)).as("the session sweeper runs while the endpoint is up").isNotEmpty();
        endpoint.close();
        assertThat(newThreads(before)).as("threads left after close").isEmpty();
    }

    private static List<String> newThreads(Set<String> before) {
        for (int i = 0; i < 50; i++) {
            List<String> left = threadNames().stream().filter(name -> !before.contains(name)).toList();
            if (left.isEmpty()) {
                return left;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return threadNames().stream().filter(name -> !before.contains(name)).toList();
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
