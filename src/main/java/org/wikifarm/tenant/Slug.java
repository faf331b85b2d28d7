package org.wikifarm.tenant;

/** A wiki's short name: unique among its owner's wikis, or globally when used as a custom slug. */
public record Slug(String value) {
    public Slug {
        NameRules.check("slug", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
