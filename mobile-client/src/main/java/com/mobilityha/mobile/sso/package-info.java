/** The phone's half of SSO: a PKCE pair, and the sign-in page the user goes through (a browser in the real app). */
package com.mobilityha.mobile.sso;
