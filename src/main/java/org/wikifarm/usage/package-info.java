/**
 * What each wiki holds (pages, attachments, bytes on disk), measured by a bounded scheduled job and right after big
 * writes, and the quota every write obeys: {@code Quota} is the {@code page.WriteGuard} that refuses growth past a
 * wiki's limits; {@code UsageService} answers the stats and lets platform admins set a wiki's own limits.
 */
package org.wikifarm.usage;
