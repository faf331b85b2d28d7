/**
 * A wiki's look, set by its administrators: which page is its home, a menu of chosen links above the page tree, and
 * extra CSS (checked: nothing that loads from elsewhere or runs). Kept in the wiki's own {@code wiki.db}, so it
 * travels with the wiki; read through a short-lived cache ({@link org.wikifarm.look.Looks}).
 */
package org.wikifarm.look;
