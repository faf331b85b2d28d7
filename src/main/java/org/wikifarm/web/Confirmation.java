package org.wikifarm.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.wikifarm.auth.Caller;

/**
 * A screen of its own before the most dangerous changes (giving platform admin rights, transferring a wiki, opening
 * a wiki to everyone, revoking, deleting): the first POST shows what is about to happen, and only a POST from that
 * screen does it. The screen's form carries a code made from the session's CSRF token and exactly the fields being
 * confirmed, so a click elsewhere — even a real form of ours submitted to another action — can at most open the
 * confirmation, never skip it, and a confirmation cannot be reused for other fields.
 */
public final class Confirmation {
    static final String FIELD = "confirmation";

    /** A field to carry through the confirmation screen, as a hidden input. */
    public record Field(String name, String value) {
    }

    private Confirmation() {
    }

    /**
     * What the screen asks.
     *
     * @param scope names the change the code is for, with the wiki and page it applies to (e.g.
     *     {@code "delete <wiki id> <path>"}): a code from one confirmation is worth nothing for another
     * @param question what the screen asks, e.g. "Transfer this wiki to alice?"
     * @param consequence what follows, in a sentence or two
     * @param confirmLabel the confirming button's words, e.g. "Transfer the wiki"
     * @param cancelUrl where "Cancel" leads
     */
    record Question(String scope, String question, String consequence, String confirmLabel, String cancelUrl) {
    }

    /**
     * True when this POST comes from the confirmation screen for exactly these fields; otherwise shows that screen
     * (status 200) and returns false, and the caller does nothing more.
     */
    static boolean confirmed(HttpServletRequest request, HttpServletResponse response, Caller caller,
                             Question question) throws ServletException, IOException {
        if (carriesCode(request, question.scope())) {
            return true;
        }
        ask(request, response, caller, question);
        return false;
    }

    /** Whether this POST comes from the confirmation screen of {@code scope} for exactly its fields. */
    static boolean carriesCode(HttpServletRequest request, String scope) {
        String expected = code(Csrf.token(request), scope, fields(request));
        String sent = request.getParameter(FIELD);
        return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    /** Shows the confirmation screen (status 200) for the posted fields. */
    static void ask(HttpServletRequest request, HttpServletResponse response, Caller caller, Question question)
            throws ServletException, IOException {
        List<Field> fields = fields(request);
        String expected = code(Csrf.token(request), question.scope(), fields);
        request.setAttribute("question", question.question());
        request.setAttribute("consequence", question.consequence());
        request.setAttribute("confirmLabel", question.confirmLabel());
        request.setAttribute("cancelUrl", question.cancelUrl());
        request.setAttribute("confirmAction", actionUrl(request));
        request.setAttribute("confirmFields", fields);
        request.setAttribute("confirmation", expected);
        Views.render(request, response, caller, "confirm/confirm", 200);
    }

    /** The code a screen of its own (such as the delete screen) puts in its form for these fields. */
    static String codeFor(HttpServletRequest request, String scope, Map<String, String> fields) {
        List<Field> list = new ArrayList<>();
        new TreeMap<>(fields).forEach((name, value) -> list.add(new Field(name, value)));
        return code(Csrf.token(request), scope, list);
    }

    /** The URL the form was posted to, as the browser sent it (before the forward to {@code /_wiki}). */
    private static String actionUrl(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String uri = forwarded != null ? forwarded.toString() : request.getRequestURI();
        // Always a path on this site (never "//host/…"): the screen's form must post back here.
        return uri.startsWith("/") && !uri.startsWith("//") ? uri : request.getContextPath() + "/";
    }

    /** The posted fields to carry through, in a stable order, without the token and the code. */
    private static List<Field> fields(HttpServletRequest request) {
        List<Field> fields = new ArrayList<>();
        new TreeMap<>(request.getParameterMap()).forEach((name, values) -> {
            if (!name.equals(Csrf.FIELD) && !name.equals(FIELD)) {
                for (String value : values) {
                    fields.add(new Field(name, value));
                }
            }
        });
        return fields;
    }

    static String code(String csrfToken, String scope, List<Field> fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(csrfToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(lengthPrefixed(scope));
            for (Field field : fields) {
                mac.update(lengthPrefixed(field.name()));
                mac.update(lengthPrefixed(field.value()));
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Each part with its length first, so no two different lists of fields give the same bytes. */
    private static byte[] lengthPrefixed(String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 4];
        out[0] = (byte) (bytes.length >>> 24);
        out[1] = (byte) (bytes.length >>> 16);
        out[2] = (byte) (bytes.length >>> 8);
        out[3] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, 4, bytes.length);
        return out;
    }
}
