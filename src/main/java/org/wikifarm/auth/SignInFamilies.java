package org.wikifarm.auth;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ties the sessions a person gets on custom domains (by a {@link SignInTickets ticket}) to the platform session they
 * signed in with, so that signing out anywhere signs out everywhere. The platform session is the head of the family;
 * each custom-domain session names the family and is signed in only while the head lives. Signing out on the
 * platform ends the head; signing out on a custom domain ends the head too; a head that expires ends its family.
 *
 * <p>Families live in memory, as long as their head session: a family whose head is gone, or unknown after a restart,
 * is not alive, so custom-domain sessions fail closed (the person signs in there again, which takes one redirect
 * while the platform session lasts). Memory is bounded by the number of live sessions.
 */
public final class SignInFamilies implements HttpSessionListener {
    /** Session attribute of the platform session: the family it heads. */
    static final String HEAD = SignInFamilies.class.getName() + ".head";
    /** Session attribute of a custom-domain session: the family it belongs to. */
    public static final String MEMBER = SignInFamilies.class.getName() + ".member";

    private final Map<String, HttpSession> heads = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** The family {@code session} heads, made now if it heads none yet. */
    public String familyOf(HttpSession session) {
        synchronized (this) {
            Object existing = session.getAttribute(HEAD);
            if (existing instanceof String family && heads.containsKey(family)) {
                return family;
            }
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String family = HexFormat.of().formatHex(bytes);
            session.setAttribute(HEAD, family);
            heads.put(family, session);
            return family;
        }
    }

    /** Whether the family's platform session is still signed in. */
    public boolean alive(String family) {
        return family != null && heads.containsKey(family);
    }

    /** Signs out the whole family: ends its platform session, which in turn ends every member's. */
    public void end(String family) {
        if (family == null) {
            return;
        }
        HttpSession head = heads.remove(family);
        if (head != null) {
            try {
                head.invalidate();
            } catch (IllegalStateException alreadyGone) {
                // It ended by itself meanwhile.
            }
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        if (event.getSession().getAttribute(HEAD) instanceof String family) {
            heads.remove(family);
        }
    }

    /** How many families are alive (for tests). */
    int size() {
        return heads.size();
    }
}
