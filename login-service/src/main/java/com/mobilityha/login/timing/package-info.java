/**
 * Where a login request spends its time (IdP, Connect, sessions), timed by both login flows (directory
 * and SSO) and answered to the app as a {@code Server-Timing} header.
 */
package com.mobilityha.login.timing;
