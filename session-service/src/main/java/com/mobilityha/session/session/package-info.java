/**
 * Sessions shared by both sites: creation at login (token handed out once, its hash stored),
 * the app's view of its session, and the store that ends it at logout ({@code session.logout}).
 */
package com.mobilityha.session.session;
