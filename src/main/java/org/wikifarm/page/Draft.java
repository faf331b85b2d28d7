package org.wikifarm.page;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.wikifarm.store.InstantAsText;

/** Someone's unsaved edit of a page, kept in the wiki's own database until they save or discard it. */
@Entity
@Table(name = "drafts")
public class Draft {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "page_path")
    private String pagePath;
    private String author;
    @Column(name = "base_revision")
    private String baseRevision;
    private String content;
    @Column(name = "cursor_line")
    private Integer cursorLine;
    @Column(name = "cursor_ch")
    private Integer cursorCh;
    @Convert(converter = InstantAsText.class)
    private Instant datetime;

    protected Draft() {
    }

    public Draft(PagePath path, String author) {
        this.pagePath = path.value();
        this.author = author;
    }

    public void update(String newContent, String newBaseRevision, Integer line, Integer ch) {
        this.content = newContent;
        this.baseRevision = newBaseRevision;
        this.cursorLine = line;
        this.cursorCh = ch;
        this.datetime = Instant.now();
    }

    public PagePath path() {
        return new PagePath(pagePath);
    }

    public String author() {
        return author;
    }

    public String baseRevision() {
        return baseRevision;
    }

    public String content() {
        return content;
    }

    public Integer cursorLine() {
        return cursorLine;
    }

    public Integer cursorCh() {
        return cursorCh;
    }

    public Instant datetime() {
        return datetime;
    }
}
