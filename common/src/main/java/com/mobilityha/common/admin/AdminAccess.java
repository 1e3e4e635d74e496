package com.mobilityha.common.admin;

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

    /** Refuses (403 problem) an administrator acting on another company than their own. */
    public static void requireOwnCompany(SecurityIdentity identity, String companyCode) {
        if (!ownCompany(identity, companyCode)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Administrators act on their own company only");
        }
    }

    /** True when the resource belongs to the administrator's company (else it must look absent). */
    public static boolean ownCompany(SecurityIdentity identity, String companyCode) {
        return companyCode.equalsIgnoreCase(companyOf(identity));
    }
}
