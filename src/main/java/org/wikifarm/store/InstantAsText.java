package org.wikifarm.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;

/**
 * Stores timestamps as ISO-8601 UTC text ({@code 2026-11-22T10:00:40.799Z}), the same format the changelogs and the
 * platform tables use, instead of relying on the JDBC driver's time zone-dependent date handling.
 */
@Converter
public final class InstantAsText implements AttributeConverter<Instant, String> {
    @Override
    public String convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Override
    public Instant convertToEntityAttribute(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
