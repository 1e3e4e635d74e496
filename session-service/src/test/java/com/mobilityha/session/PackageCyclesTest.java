package com.mobilityha.session;

import com.mobilityha.session.site.SiteTakeover;
import com.mobilityha.localstack.quality.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package of session-service depends on itself through others: each feature package can be read on its own. */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertNone(SiteTakeover.class);
    }
}
