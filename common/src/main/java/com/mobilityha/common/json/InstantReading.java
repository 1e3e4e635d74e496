package com.mobilityha.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads instants in the form every service writes them ({@link Instant#toString()}: {@code 2026-12-05T02:58:34.196Z},
 * UTC, 0 to 9 fraction digits) without the JDK's general date-time parser, which is most of the CPU of reading a
 * session record (two instants each): a site takeover or an instance failover reads thousands at once. Any other
 * form (offsets, numbers, leap seconds, the invalid) is left to Jackson's own reader, unchanged.
 */
@Singleton
public class InstantReading implements ObjectMapperCustomizer {

    /** After Quarkus's own customizer, which registers Jackson's date-time module: the reader registered last wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    @SuppressWarnings("unchecked") // a delegating reader is typed Object; it reads Instants only
    public void customize(ObjectMapper mapper) {
        JsonDeserializer<?> reader = new UtcInstants(InstantDeserializer.INSTANT);
        mapper.registerModule(new SimpleModule("utc-instants")
                .addDeserializer(Instant.class, (JsonDeserializer<Instant>) reader));
    }

    /**
     * The instant {@code text} names when it has the form {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z}, null when it has
     * another form or names no valid instant (the caller then asks the general parser, for the same result or error).
     */
    static Instant utc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = fraction(text, 19, length - 1);
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException invalidDate) {
            return null;
        }
    }

    /** The decimal number of {@code text[from, to)}, or -1 when it holds anything else. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The nanoseconds of an optional fraction {@code .f} to {@code .fffffffff} in {@code text[from, to)}; -1: malformed. */
    private static int fraction(String text, int from, int to) {
        if (from == to) {
            return 0;
        }
        if (text.charAt(from) != '.' || to - from < 2) {
            return -1;
        }
        int value = digits(text, from + 1, to);
        for (int scale = to - from - 1; value >= 0 && scale < 9; scale++) {
            value *= 10;
        }
        return value;
    }

    /** Jackson's instant reader with the common form read first. */
    static final class UtcInstants extends DelegatingDeserializer {
        UtcInstants(JsonDeserializer<?> general) {
            super(general);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> general) {
            return new UtcInstants(general);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant common = utc(parser.getText());
                if (common != null) {
                    return common;
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
