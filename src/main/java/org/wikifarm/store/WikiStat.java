package org.wikifarm.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A number kept about a wiki in its own database, e.g. {@code page_count}. */
@Entity
@Table(name = "stats")
public class WikiStat {
    public static final String PAGE_COUNT = "page_count";
    public static final String DISK_USAGE_BYTES = "disk_usage_bytes";
    public static final String ATTACHMENT_COUNT = "attachment_count";

    @Id
    private String name;
    private long value;
    @Convert(converter = InstantAsText.class)
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected WikiStat() {
    }

    public WikiStat(String name, long value) {
        this.name = name;
        set(value);
    }

    public String name() {
        return name;
    }

    public long value() {
        return value;
    }

    public void set(long newValue) {
        this.value = newValue;
        this.updatedAt = Instant.now();
    }
}
