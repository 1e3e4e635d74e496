/**
 * SSO login (S4, S5, B1): OIDC authorization code with PKCE against the IdP application of one Connect
 * instance, single-use pending logins in Redis, ID-token validation, IdP refresh tokens kept encrypted.
 */
package com.mobilityha.login.sso;
