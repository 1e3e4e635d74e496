/**
 * Company administrators: the OIDC identity (role {@code mobility-admin}, claim {@code company})
 * that admin endpoints of several services accept, the own-company rule, and the 401/403 problems.
 */
package com.mobilityha.common.admin;
