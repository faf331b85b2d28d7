package org.wikifarm.store;

/**
 * The few places where the platform database's SQL differs between the embedded SQLite file and PostgreSQL. Every
 * other platform query is written once, in SQL both accept (docs/scale-out.md lists the rules).
 */
public enum PlatformDialect {
    SQLITE, POSTGRESQL;

    /**
     * A condition true when {@code expression} holds the next parameter as a plain substring (no wildcards, so the
     * user's text is never a pattern): SQLite's {@code instr}, PostgreSQL's {@code strpos}.
     */
    public String contains(String expression) {
        return (this == SQLITE ? "instr(" : "strpos(") + expression + ", ?) > 0";
    }
}
