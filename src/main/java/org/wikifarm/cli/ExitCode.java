package org.wikifarm.cli;

import org.wikifarm.error.WikifarmException;

/** The tool's exit codes (docs/cli.md lists them): one per kind of outcome, so scripts can tell them apart. */
public final class ExitCode {
    public static final int OK = 0;
    /** Something unexpected failed (an I/O error, a bug): the message says what. */
    public static final int FAILED = 1;
    /** The command line itself is wrong (unknown command or option, missing argument): picocli's own code. */
    public static final int USAGE = 2;
    /** {@code --data} is not a Wikifarm data folder (no {@code platform.db}); nothing was created. */
    public static final int NOT_A_DATA_DIR = 3;
    /** A running server (or another writing command) holds the data folder: nothing was written. */
    public static final int LOCKED = 4;
    /** Bad input: a source that is not An Otter Wiki installation, a database of the wrong shape, an invalid name. */
    public static final int BAD_INPUT = 5;
    /** Something named does not exist: the owner, a wiki, an import id. */
    public static final int NOT_FOUND = 6;
    /** A conflict: the wiki name is taken, the wiki is in use. */
    public static final int CONFLICT = 7;
    /** The server (for {@code close}) or HAProxy (for {@code proxy-map --apply}) could not be reached or refused. */
    public static final int SERVER = 8;

    private ExitCode() {
    }

    static int of(WikifarmException e) {
        if ("data_dir_locked".equals(e.code())) {
            return LOCKED;
        }
        if ("not_a_data_dir".equals(e.code())) {
            return NOT_A_DATA_DIR;
        }
        if (e.code().startsWith("haproxy_") || "server_unreachable".equals(e.code())) {
            return SERVER;
        }
        if (e instanceof WikifarmException.InvalidInput) {
            return BAD_INPUT;
        }
        if (e instanceof WikifarmException.NotFound) {
            return NOT_FOUND;
        }
        if (e instanceof WikifarmException.Conflict) {
            return CONFLICT;
        }
        return FAILED;
    }
}
