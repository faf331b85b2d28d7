/**
 * The one Markdown grammar of the product: CommonMark with GitHub's tables, strikethrough, task lists and autolinks,
 * wiki links and heading ids, parsed once into CommonMark's syntax tree; rendering, the table of contents, the link
 * graph, MCP sections and search chunks all read that tree, so they agree. Every step is linear in the text and checks
 * the current {@link org.wikifarm.limit.Deadline}.
 */
package org.wikifarm.markdown;
