package org.wikifarm.tenant;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * The rules shared by usernames and wiki slugs: they become URL segments and host labels, so they are
 * lowercase letters, digits and hyphens, 3–30 characters, no hyphen at either end, and never a reserved name.
 */
public final class NameRules {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 30;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9-]+");

    /**
     * Names that are platform routes or would confuse people. Every top-level path the platform serves is here,
     * so a username can never shadow a route.
     */
    public static final Set<String> RESERVED = Set.of(
            "admin", "www", "api", "auth", "mcp", "app", "help", "support", "billing", "status", "blog", "docs",
            "robot", "robots", "wiki", "wikis", "static", "assets", "null", "undefined", "login", "logout", "signup",
            "settings", "account", "accounts", "user", "users", "new", "create", "search", "git", "health",
            "favicon", "webjars", "error", "errors", "root", "system", "about", "mail", "email", "ftp", "manager",
            "host-manager", "wikifarm", "public", "private", "me", "home", "index", "changelog", "api-docs", "select");

    private NameRules() {
    }

    /** Returns the name if it follows every rule, or throws a 400 naming the first rule it breaks. */
    public static String check(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInput("invalid_" + kind, "A " + kind + " is required.");
        }
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            throw new InvalidInput("invalid_" + kind,
                    "A " + kind + " must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long.");
        }
        if (!ALLOWED.matcher(name).matches()) {
            String hint = name.toLowerCase(Locale.ROOT).equals(name) ? "" : " (uppercase letters are not allowed)";
            throw new InvalidInput("invalid_" + kind,
                    "A " + kind + " may contain only lowercase letters, digits and hyphens" + hint + ".");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            throw new InvalidInput("invalid_" + kind, "A " + kind + " may not start or end with a hyphen.");
        }
        if (RESERVED.contains(name)) {
            throw new InvalidInput("reserved_" + kind, "'" + name + "' is reserved and cannot be a " + kind + ".");
        }
        return name;
    }

    /** True when the name follows every rule; never throws. */
    public static boolean isValid(String name) {
        return name != null && name.length() >= MIN_LENGTH && name.length() <= MAX_LENGTH
                && ALLOWED.matcher(name).matches() && !name.startsWith("-") && !name.endsWith("-")
                && !RESERVED.contains(name);
    }
}
