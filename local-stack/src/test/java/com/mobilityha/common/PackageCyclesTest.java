package com.mobilityha.common;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.quality.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package of common depends on itself through others: each feature package can be read on its own. */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertNone(RedisKeys.class);
    }
}
