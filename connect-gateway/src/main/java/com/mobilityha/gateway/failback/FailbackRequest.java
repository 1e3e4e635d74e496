package com.mobilityha.gateway.failback;

import com.mobilityha.common.problem.Validator;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /api/v1/admin/failbacks}: the company, and whether to wait for each agent to be
 * off-contact ({@code whenIdle}; absent: the company's fail-back policy decides).
 */
@RegisterForReflection
public record FailbackRequest(String companyCode, Boolean whenIdle) {

    static void validate(FailbackRequest request) {
        Validator.of(request).text("companyCode", request.companyCode(), 64, null).done();
    }
}
