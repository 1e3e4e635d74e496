package com.mobilityha.login;

import com.mobilityha.login.login.LoginResource;
import com.mobilityha.localstack.quality.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package of login-service depends on itself through others: each feature package can be read on its own. */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertNone(LoginResource.class);
    }
}
