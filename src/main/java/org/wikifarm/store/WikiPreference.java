package org.wikifarm.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A setting a wiki keeps in its own database, e.g. its access levels. */
@Entity
@Table(name = "preferences")
public class WikiPreference {
    @Id
    private String name;
    private String value;

    protected WikiPreference() {
    }

    public WikiPreference(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public void set(String newValue) {
        this.value = newValue;
    }

    /** Sets the preference in this session, making it if the wiki has none of that name yet. */
    public static void put(org.hibernate.Session session, String name, String value) {
        WikiPreference stored = session.find(WikiPreference.class, name);
        if (stored == null) {
            session.persist(new WikiPreference(name, value));
        } else {
            stored.set(value);
        }
    }
}
