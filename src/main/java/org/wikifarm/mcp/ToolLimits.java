package org.wikifarm.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.wikifarm.config.Settings;
import org.wikifarm.page.PageFilter;
import org.wikifarm.page.PagePath;

/**
 * Puts the configured limits into the tools' input schemas, so an assistant reads them in {@code tools/list} and an
 * argument over a limit is refused as invalid params before any work ({@code PageService} checks the same limits
 * again, in bytes where they are bytes). Every string argument must end up with a {@code maxLength}, a
 * {@code pattern} or an {@code enum}: {@code McpEndpointTest} checks it, so a new tool cannot forget one.
 */
final class ToolLimits {
    /** An ISO-8601 date and time with an offset is at most about 35 characters. */
    static final int MAX_DATE_CHARS = 40;

    private ToolLimits() {
    }

    static void apply(ArrayNode tools, Settings.Limits limits) {
        int pageChars = (int) Math.min(Integer.MAX_VALUE, limits.maxPageBytes());
        Map<String, Integer> maxLength = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("content", pageChars),
                Map.entry("old_string", pageChars),
                Map.entry("new_string", pageChars),
                Map.entry("commit_message", limits.maxMessageChars()),
                Map.entry("path", PagePath.MAX_BYTES),
                Map.entry("new_path", PagePath.MAX_BYTES),
                Map.entry("prefix", PagePath.MAX_BYTES),
                Map.entry("section", PagePath.MAX_BYTES),
                Map.entry("updated_since", MAX_DATE_CHARS),
                Map.entry("category", PageFilter.MAX_LENGTH),
                Map.entry("tag", PageFilter.MAX_LENGTH)));
        maxLength.put("filename", org.wikifarm.page.AttachmentName.MAX_BYTES);
        // Base64 takes 4 characters for 3 bytes.
        maxLength.put("content_base64", (int) Math.min(Integer.MAX_VALUE - 8,
                (limits.maxAttachmentBytes() + 2) / 3 * 4));
        for (JsonNode tool : tools) {
            JsonNode properties = tool.path("inputSchema").path("properties");
            properties.fields().forEachRemaining(field -> {
                ObjectNode property = (ObjectNode) field.getValue();
                Integer max = maxLength.get(field.getKey());
                if (max != null && "string".equals(property.path("type").asText())) {
                    property.put("maxLength", max);
                }
                if ("limit".equals(field.getKey()) && property.path("maximum").asInt() > limits.maxListItems()) {
                    property.put("maximum", limits.maxListItems());
                }
            });
        }
    }
}
