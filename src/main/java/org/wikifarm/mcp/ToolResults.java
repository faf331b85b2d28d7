package org.wikifarm.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.StaleRevisionException;
import org.wikifarm.page.TextMismatchException;

/**
 * What tools answer. A success carries its result as {@code structuredContent} (snake_case, matching the tool's
 * output schema) and the same JSON as text, for clients that read only text. A business failure — the page is not
 * there, someone else changed it, the caller may not — is a result with {@code isError: true} and a message that
 * says what to do next; malformed arguments are JSON-RPC errors ({@code -32602}).
 */
final class ToolResults {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);");

    private ToolResults() {
    }

    static CallToolResult ok(Object result) {
        Map<String, Object> structured = JSON.convertValue(result, MAP);
        try {
            return CallToolResult.builder().structuredContent(structured)
                    .addTextContent(JSON.writeValueAsString(structured)).isError(false).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tool result could not be written as JSON", e);
        }
    }

    static CallToolResult failure(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    static McpError invalidArguments(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }

    static McpError internalError() {
        return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("Internal error; it has been logged.")
                .build();
    }

    static CallToolResult notFound(PageNotFoundException missing, PagePath wanted, List<PagePath> pages) {
        List<String> close = wanted == null ? List.of() : CloseMatches.of(wanted.value(), pages);
        String hint = close.isEmpty() ? " There is no page with a similar name: list_notes shows the pages, write_note"
                + " creates one." : " Close matches: " + String.join(", ", close) + ".";
        return failure(missing.getMessage() + hint);
    }

    static CallToolResult stale(StaleRevisionException stale) {
        String current = stale.currentRevision();
        String next = current == null ? " Nothing was written."
                : " Nothing was written: read_note the page again, redo your change on its current text and retry"
                        + " with revision " + current + ".";
        return failure(stale.getMessage() + next);
    }

    /** An edit_note whose old_string is not in the page exactly once, in the tool's own words. */
    static CallToolResult mismatch(TextMismatchException mismatch) {
        return failure(mismatch.occurrences() == 0
                ? "old_string was not found in '" + mismatch.path() + "' at revision " + mismatch.revision() + ". It"
                        + " must match the page's text exactly, whitespace and line breaks included: read_note the"
                        + " page and copy the passage from it."
                : "old_string occurs " + mismatch.occurrences() + " times in '" + mismatch.path() + "'; it must occur"
                        + " exactly once. Include more of the text around it to make it unique.");
    }

    static String date(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A search snippet's HTML ({@code <mark>}s, escaped text) as plain text with the matches in {@code **bold**}. */
    static String plainSnippet(String html) {
        if (html == null) {
            return null;
        }
        String marked = html.replace("<mark>", "**").replace("</mark>", "**");
        Matcher entity = ENTITY.matcher(marked);
        StringBuilder plain = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String text = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> codePoint(name);
            };
            entity.appendReplacement(plain, Matcher.quoteReplacement(text));
        }
        entity.appendTail(plain);
        return plain.toString();
    }

    private static String codePoint(String reference) {
        try {
            int code = reference.startsWith("#x") ? Integer.parseInt(reference.substring(2), 16)
                    : Integer.parseInt(reference.substring(1));
            return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "";
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
