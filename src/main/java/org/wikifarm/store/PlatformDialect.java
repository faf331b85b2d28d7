package org.wikifarm.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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

    /**
     * Makes the current transaction the only one that writes {@code table} (read it, then write it, with nothing in
     * between) until it ends. SQLite: nothing to do, every write transaction here begins IMMEDIATE and so already is
     * the only writer. PostgreSQL: {@code LOCK TABLE … IN SHARE ROW EXCLUSIVE MODE}, which readers pass. For rare
     * writes only, such as the first account becoming the platform admin. {@code table} comes from code.
     */
    public void lockForWriting(Connection connection, String table) throws SQLException {
        if (this == POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
            }
        }
    }
}
