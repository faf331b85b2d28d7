package org.wikifarm.auth;

/**
 * The ways into Wikifarm, for the door policies of {@link Permissions#refusal(Door, Caller, org.wikifarm.store.TenantId)}:
 * which kinds of credentials each one takes. What a caller may then do inside is decided per wiki by
 * {@link Permissions#of}.
 */
public enum Door {
    /** The platform's API and screens ({@code /api/v1}, home, sign-in, account, admin): people only. */
    PLATFORM,
    /** A wiki's API and web UI: people, and bearer tokens of that wiki. */
    WIKI,
    /** A wiki's MCP endpoint: bearer tokens of that wiki only, never a browser's session, a password or a proxy. */
    MCP,
    /**
     * A wiki's git endpoint ({@code <wiki>.git}): credentials sent with the request only — HTTP Basic with an account's
     * password, or a token of that wiki (as the Basic password with any user name, or as a bearer token) — never a
     * browser's session or a proxy's identity headers; without credentials the caller is anonymous.
     */
    GIT
}
