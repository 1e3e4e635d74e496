package com.mobilityha.login.company;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.PhoneType;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What the app needs before login (S1); no secrets. {@code phoneType} tells the app whether to ask
 * for the agent's mobile number ({@code DESK_PHONE}) or to embed softphone media.
 */
@RegisterForReflection
public record CompanySettings(String companyCode, String name, boolean sso,
                              List<Company.MobilityServer> mobilityServers, List<InstanceRef> connectInstances,
                              PhoneType phoneType) {

    static CompanySettings of(Company company) {
        return new CompanySettings(company.code(), company.name(), company.sso(), company.mobilityServers(),
                company.connectInstances(), company.phoneType());
    }
}
