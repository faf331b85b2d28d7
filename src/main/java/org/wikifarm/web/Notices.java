package org.wikifarm.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One-time messages carried across a redirect, e.g. "Your selected wiki could not be opened. Reverted to …". The text
 * stays here; the redirect carries only a random key ({@code ?notice=}), shown once and to nobody who has not got the
 * key, so no one can make the product say something by crafting a link. At most {@value #KEPT} are kept, each for
 * {@value #TTL_MILLIS} ms.
 */
final class Notices {
    static final String PARAMETER = "notice";
    /** The request attribute the layout writes as a banner. */
    static final String ATTRIBUTE = "notice";
    private static final int KEPT = 10_000;
    private static final long TTL_MILLIS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Notice(String text, long madeAt) {
    }

    private final Clock clock;
    private final Map<String, Notice> notices = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Notice> eldest) {
            return size() > KEPT;
        }
    };

    Notices(Clock clock) {
        this.clock = clock;
    }

    /** Keeps the text and answers the key that shows it once. */
    String keep(String text) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        synchronized (notices) {
            notices.put(key, new Notice(text, clock.millis()));
        }
        return key;
    }

    /** The text of the key, once; null for an unknown, used or expired key. */
    String take(String key) {
        if (key == null || key.length() != 32) {
            return null;
        }
        Notice notice;
        synchronized (notices) {
            notice = notices.remove(key);
        }
        return notice == null || clock.millis() - notice.madeAt() > TTL_MILLIS ? null : notice.text();
    }
}
