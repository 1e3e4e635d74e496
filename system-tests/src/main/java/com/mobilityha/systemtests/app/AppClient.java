package com.mobilityha.systemtests.app;

import com.mobilityha.systemtests.app.Http.Answer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The app side of the contract for one user on one site: settings, login, session, agent status,
 * calls, push registration. It keeps the session token as the phone would.
 */
public final class AppClient {
    private final Http http = new Http(Duration.ofSeconds(10));
    private final String loginUrl;
    private final String sessionUrl;
    private final String gatewayUrl;
    private final String notifierUrl;
    private String sessionToken;

    /** Base URLs per service; behind an ingress they are all the same host. */
    public AppClient(String loginUrl, String sessionUrl, String gatewayUrl, String notifierUrl) {
        this.loginUrl = loginUrl;
        this.sessionUrl = sessionUrl;
        this.gatewayUrl = gatewayUrl;
        this.notifierUrl = notifierUrl;
    }

    public Answer settings(String companyCode) {
        return http.send("GET", loginUrl + "/api/v1/companies/" + companyCode + "/settings", null, Map.of());
    }

    /** Directory login; keeps the token when it succeeds. */
    public Answer login(String companyCode, String username, String password) {
        return login(Map.of("companyCode", companyCode, "username", username, "password", password));
    }

    /** Directory login of a desk-phone agent whose calls ring this mobile number (E.164). */
    public Answer login(String companyCode, String username, String password, String phoneNumber) {
        return login(Map.of("companyCode", companyCode, "username", username, "password", password,
                "phoneNumber", phoneNumber));
    }

    private Answer login(Map<String, String> body) {
        Answer answer = http.send("POST", loginUrl + "/api/v1/logins", body, Map.of());
        if (answer.status() == 201) {
            sessionToken = answer.json().get("sessionToken").asText();
        }
        return answer;
    }

    /**
     * Starts an SSO login with this browser's PKCE challenge; {@code instanceRole} only when the
     * IdP refused the first try (S5), else null.
     */
    public Answer ssoStart(String companyCode, SsoBrowser browser, String instanceRole) {
        Map<String, String> body = new HashMap<>(Map.of("companyCode", companyCode,
                "codeChallenge", browser.challenge(), "codeChallengeMethod", "S256"));
        if (instanceRole != null) {
            body.put("instanceRole", instanceRole);
        }
        return http.send("POST", loginUrl + "/api/v1/logins", body, Map.of());
    }

    /** Completes an SSO login with what the IdP's redirect brought and the browser's PKCE verifier. */
    public Answer ssoComplete(String loginId, Map<String, String> redirect, SsoBrowser browser) {
        Answer answer = http.send("POST", loginUrl + "/api/v1/logins/" + loginId + "/complete",
                Map.of("code", redirect.getOrDefault("code", ""), "state", redirect.getOrDefault("state", ""),
                        "codeVerifier", browser.verifier()), Map.of());
        if (answer.status() == 201) {
            sessionToken = answer.json().get("sessionToken").asText();
        }
        return answer;
    }

    public Answer session() {
        return http.send("GET", sessionUrl + "/api/v1/session", null, bearer());
    }

    public Answer agentStatuses() {
        return http.send("GET", gatewayUrl + "/api/v1/agent/statuses", null, bearer());
    }

    public Answer setStatus(String status) {
        return http.send("PUT", gatewayUrl + "/api/v1/agent/status", Map.of("status", status), bearer());
    }

    /** Calls a number (E.164) from the agent's Connect phone. */
    public Answer call(String destination) {
        return http.send("POST", gatewayUrl + "/api/v1/calls", Map.of("destination", destination), bearer());
    }

    public Answer hangUp(String contactId) {
        return http.send("DELETE", gatewayUrl + "/api/v1/calls/" + contactId, null, bearer());
    }

    public Answer registerApnsDevice(String deviceToken, String appId) {
        return http.send("PUT", notifierUrl + "/api/v1/devices/current",
                Map.of("platform", "APNS", "token", deviceToken, "appId", appId), bearer());
    }

    /** An admin's ad-hoc notification to the whole company (OIDC access token with role mobility-admin). */
    public Answer notifyCompany(String adminToken, String companyCode, String kind, String message) {
        return http.send("POST", notifierUrl + "/api/v1/admin/notifications",
                Map.of("companyCode", companyCode, "audience", Map.of("type", "COMPANY"), "kind", kind,
                        "message", message), Map.of("Authorization", "Bearer " + adminToken));
    }

    /** An admin's ad-hoc notification to listed users of a company. */
    public Answer notifyUsers(String adminToken, String companyCode, List<String> usernames, String kind,
                              String message) {
        return http.send("POST", notifierUrl + "/api/v1/admin/notifications",
                Map.of("companyCode", companyCode, "audience", Map.of("type", "USERS", "usernames", usernames),
                        "kind", kind, "message", message), Map.of("Authorization", "Bearer " + adminToken));
    }

    /** An admin's fail-back of a company to its primary Connect instance (S9), per the company's policy. */
    public Answer failBack(String adminToken, String companyCode) {
        return http.send("POST", gatewayUrl + "/api/v1/admin/failbacks", Map.of("companyCode", companyCode),
                Map.of("Authorization", "Bearer " + adminToken));
    }

    public Answer notificationReport(String adminToken, String notificationId) {
        return http.send("GET", notifierUrl + "/api/v1/admin/notifications/" + notificationId, null,
                Map.of("Authorization", "Bearer " + adminToken));
    }

    /** Logs out: devices unregistered, agent Offline, session ended. */
    public Answer logout() {
        return http.send("DELETE", sessionUrl + "/api/v1/session", null, bearer());
    }

    public String sessionToken() {
        return sessionToken;
    }

    private Map<String, String> bearer() {
        return sessionToken == null ? Map.of() : Map.of("Authorization", "Bearer " + sessionToken);
    }
}
