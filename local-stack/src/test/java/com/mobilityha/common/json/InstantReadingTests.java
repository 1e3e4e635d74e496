package com.mobilityha.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mobilityha.common.session.SessionRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Instants read as the services' mapper reads them (Quarkus's order: Jackson's date-time module, then ours). */
class InstantReadingTests {
    private final ObjectMapper jackson = mapper(false);
    private final ObjectMapper ours = mapper(true);

    private static ObjectMapper mapper(boolean withOurs) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        if (withOurs) {
            new InstantReading().customize(mapper);
        }
        return mapper;
    }

    @Test
    void everyInstantAServiceWritesReadsBackAsItself() throws JsonProcessingException {
        SplittableRandom random = new SplittableRandom(24);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("1970-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) { // Instant.toString writes 0, 3, 6 or 9 fraction digits
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String json = ours.writeValueAsString(instant);
            assertEquals(instant, ours.readValue(json, Instant.class), json);
            assertEquals(instant, InstantReading.utc(instant.toString()), json);
        }
    }

    @Test
    void aSessionRecordReadsAsJacksonReadsIt() throws JsonProcessingException {
        String record = "{\"sessionId\":\"s1\",\"companyCode\":\"acme\",\"user\":{\"username\":\"agent0042\","
                + "\"connectUserId\":\"u-42\"},\"instance\":{\"role\":\"primary\",\"instanceId\":\"i-1\",\"region\":"
                + "\"us-east-1\"},\"site\":\"primary\",\"status\":\"ACTIVE\",\"createdAt\":\"2026-12-05T02:58:34.196Z\","
                + "\"expiresAt\":\"2026-12-05T14:58:34Z\",\"call\":{\"contactId\":\"c-1\",\"startedAt\":"
                + "\"2026-12-05T03:01:02.123456789Z\"},\"version\":3}";
        SessionRecord read = ours.readValue(record, SessionRecord.class);
        assertEquals(jackson.readValue(record, SessionRecord.class), read);
        assertEquals(Instant.parse("2026-12-05T03:01:02.123456789Z"), read.call().startedAt());
    }

    @Test
    void otherFormsAreLeftToJacksonWithTheSameResult() throws JsonProcessingException {
        for (String other : List.of("\"2026-12-05T03:00:00+02:00\"", "\"2026-12-05T03:00:00.5-01:30\"", "1733367600",
                "1733367600.250000000", "\"+12026-01-01T00:00:00Z\"", "\"2026-12-05T24:00:00Z\"")) {
            assertEquals(jackson.readValue(other, Instant.class), ours.readValue(other, Instant.class), other);
        }
        for (String other : List.of("2026-12-05T03:00:00+02:00", "2026-12-31T23:59:60Z", "2026-12-05t03:00:00Z",
                "2026-12-05T03:00Z", "2026-12-05T03:00:00.Z", "2026-12-05T03:00:00.1234567890Z", "2026-12-05T24:00:00Z")) {
            assertNull(InstantReading.utc(other), other);
        }
    }

    @Test
    void whatIsNoInstantIsRefusedAsJacksonRefusesIt() {
        for (String invalid : List.of("\"2026-02-30T00:00:00Z\"", "\"2026-13-01T00:00:00Z\"", "\"2026-12-05T03:61:00Z\"",
                "\"2026-12-05T25:00:00Z\"", "\"2026-12-05T0x:00:00Z\"", "\"not a time\"", "true")) {
            Class<? extends Exception> refusal = assertThrows(JsonProcessingException.class,
                    () -> jackson.readValue(invalid, Instant.class), invalid).getClass();
            assertEquals(refusal, assertThrows(JsonProcessingException.class,
                    () -> ours.readValue(invalid, Instant.class), invalid).getClass(), invalid);
        }
    }
}
