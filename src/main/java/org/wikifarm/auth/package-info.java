/** Identities and permissions: local accounts, Shiro wiring, and the one component that decides what a caller may do on a wiki. */
package org.wikifarm.auth;
