package com.mobilityha.mobile.sso;

import java.util.Map;

/**
 * Where the user signs in: opens the IdP's authorization URL (a browser tab in the real app) and
 * returns the query of the redirect back to the app: {@code code} and {@code state}, or
 * {@code error} when the IdP refused before asking for credentials (S5).
 */
@FunctionalInterface
public interface SignInPage {
    Map<String, String> signIn(String authorizationUrl);
}
