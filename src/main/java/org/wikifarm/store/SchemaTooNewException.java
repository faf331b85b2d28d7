package org.wikifarm.store;

/** A database written by a newer Wikifarm: it is refused and left untouched. */
public class SchemaTooNewException extends WikiCannotOpenException {
    public SchemaTooNewException(String what, int found, int supported) {
        super("schema_too_new", "The " + what + " database has schema version " + found
                + ", newer than this version of Wikifarm understands (" + supported
                + "). Upgrade Wikifarm; the database was not changed.", null);
    }
}
