/**
 * The git door of every wiki: clone, fetch and push over git's smart HTTP protocol at {@code <wiki>.git}
 * ({@code /_wiki/.git/…} behind the forward), with JGit's {@code UploadPack} and {@code ReceivePack}; who may do what
 * is {@code auth.Permissions}' decision, and an accepted push becomes the wiki's through {@code page.PageService}.
 * See docs/git.md.
 */
package org.wikifarm.git;
