package com.mobilityha.systemtests.site;

import com.mobilityha.systemtests.bench.RedisFailoverWrites;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R1 in small: three Redis master kills under session writes lose no acknowledged session. */
class RedisFailoverTest {

    @Test
    void R1_masterFailoversUnderWritesLoseNoAcknowledgedSession() throws InterruptedException {
        RedisFailoverWrites.Result result = RedisFailoverWrites.run(3, System.out::println);
        System.out.println(result.lastLine());
        assertTrue(result.acknowledged() > 50, "sessions were written throughout: " + result.acknowledged());
        assertEquals(0, result.lost(), result.lastLine());
    }
}
