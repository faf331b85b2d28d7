package org.wikifarm.page;

import java.util.List;

/** What an upload stored: the files (as the page now lists them) and the commit that stored them all. */
public record Uploaded(List<Attachment> files, String revision) {
}
