/**
 * The login endpoints ({@code /api/v1/logins}, where both flows start and which hands SSO companies
 * on to {@link com.mobilityha.login.sso}), the directory (non-SSO) login and its orchestration across
 * directory, gateway and sessions, and the login rate limits.
 */
package com.mobilityha.login.login;
