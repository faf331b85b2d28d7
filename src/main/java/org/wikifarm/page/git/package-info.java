/** Stores each wiki's pages as Markdown files in a bare git repository, committing without a work tree. */
package org.wikifarm.page.git;
