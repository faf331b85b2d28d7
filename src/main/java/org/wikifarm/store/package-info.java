/** Storage: the platform database, the one place that opens a wiki (LRU of SQLite files and git repositories), migrations, Hibernate database-per-tenant. */
package org.wikifarm.store;
