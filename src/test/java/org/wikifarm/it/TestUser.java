package org.wikifarm.it;

/** An account created for one test, with a client that signs in as it. */
public record TestUser(String username, String password, ApiClient client) {
}
