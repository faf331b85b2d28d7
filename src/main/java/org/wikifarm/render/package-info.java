/** Turns a page's Markdown into safe HTML for the web UI, caches it across wikis, and binds its wiki links per view. */
package org.wikifarm.render;
