package com.mobilityha.common.admin;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who an administrator is and what they may touch: an OIDC bearer token with the role
 * {@link #ROLE} acts on the company named by its {@link #COMPANY_CLAIM} claim, and only on it.
 */
public final class AdminAccess {
    /** The role every admin endpoint requires. */
    public static final String ROLE = "mobility-admin";
    /** The token claim naming the administrator's company. */
    public static final String COMPANY_CLAIM = "company";

    private AdminAccess() {
    }

    /** The administrator's company code, empty when the token names none. */
    public static String companyOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim(COMPANY_CLAIM);
            return claim == null ? "" : claim.toString().replace("\"", "");
        }
        return "";
    }

    /**
     * The company named by {@code companyCode} when it is the administrator's own. Any other code,
     * served by this deployment or not, gets the same 403 problem, checked before the code is looked
     * up: an administrator must not learn which companies exist by probing codes. Their own company
     * not being served (their IdP names a company this deployment lacks) is a 403 as well.
     */
    public static Company requireOwnCompany(SecurityIdentity identity, CompanyDirectory companies, String companyCode) {
        if (!ownCompany(identity, companyCode)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Administrators act on their own company only");
        }
        return companies.find(companyCode).orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Your company is not served by this deployment"));
    }

    /** True when the resource belongs to the administrator's company (else it must look absent). */
    public static boolean ownCompany(SecurityIdentity identity, String companyCode) {
        return companyCode.equalsIgnoreCase(companyOf(identity));
    }
}
