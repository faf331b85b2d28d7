/**
 * Snapshots of a wiki and restoring them, for the wiki's owner and platform admins: {@code SnapshotService} decides
 * the permission ({@code auth.Permissions}), keeps the limits (snapshots per wiki, the quota) and leaves the files to
 * {@code store.WikiSnapshots}; the REST API, the web UI and the command-line tool all call it. See docs/snapshots.md.
 */
package org.wikifarm.snapshot;
