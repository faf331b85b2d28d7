package org.wikifarm.render;

/** Text and attribute values made safe for HTML written by hand (not through a JSP's {@code c:out}). */
public final class HtmlText {
    private HtmlText() {
    }

    /** Escapes {@code & < > " '}: safe as element text and inside a quoted attribute. */
    public static String escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (entity(text.charAt(i)) != null) {
                StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
                for (int j = i; j < text.length(); j++) {
                    append(out, text.charAt(j));
                }
                return out.toString();
            }
        }
        return text;
    }

    /** Appends {@code c}, escaped as {@link #escape} escapes it. */
    public static void append(StringBuilder out, char c) {
        String entity = entity(c);
        if (entity == null) {
            out.append(c);
        } else {
            out.append(entity);
        }
    }

    private static String entity(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&#34;";
            case '\'' -> "&#39;";
            default -> null;
        };
    }
}
