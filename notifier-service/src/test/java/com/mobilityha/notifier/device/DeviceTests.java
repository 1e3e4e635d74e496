package com.mobilityha.notifier.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stored form of a registration, read on every fan-out. */
class DeviceTests {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void registrationTimeIsStoredInEpochMillisAndReadBack() throws Exception {
        Device device = new Device(Device.Platform.APNS, "ab".repeat(32), "com.acme.mobility",
                Instant.ofEpochMilli(1_790_000_000_123L), Device.ApnsEnvironment.SANDBOX);

        String json = mapper.writeValueAsString(device);

        assertEquals("{\"platform\":\"APNS\",\"token\":\"" + "ab".repeat(32)
                + "\",\"appId\":\"com.acme.mobility\",\"registeredAt\":1790000000123,\"environment\":\"SANDBOX\"}", json);
        assertEquals(device, mapper.readValue(json, Device.class));
    }

    @Test
    void registrationsStoredBeforeTheCompactFormAreStillRead() throws Exception {
        Device device = mapper.readValue("{\"platform\":\"FCM\",\"token\":\"t-123456789012345678901\","
                + "\"appId\":\"com.acme.mobility\",\"registeredAt\":\"2026-11-01T10:15:30.120Z\"}", Device.class);

        assertEquals(Instant.parse("2026-11-01T10:15:30.120Z"), device.registeredAt());
        assertEquals(Device.ApnsEnvironment.PRODUCTION, device.apnsEnvironment(), "registered before environments");
    }
}
