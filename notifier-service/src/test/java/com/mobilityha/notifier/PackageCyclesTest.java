package com.mobilityha.notifier;

import com.mobilityha.notifier.stream.NotificationConsumer;
import com.mobilityha.localstack.quality.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package of notifier-service depends on itself through others: each feature package can be read on its own. */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertNone(NotificationConsumer.class);
    }
}
