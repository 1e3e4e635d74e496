/**
 * The operations console (S9, S12, S13): a page for a company's administrators at {@code /admin/},
 * signed in with OIDC (authorization code + PKCE, role {@code mobility-admin}, own company only),
 * showing sites, Connect instances, sessions, failovers, notifications and the audit log, and
 * carrying out ad-hoc notifications and fail-backs through the services that own them.
 */
package com.mobilityha.session.console;
