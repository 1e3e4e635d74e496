/**
 * Which mobility site the app talks to: the primary, the secondary too when the primary has not answered
 * within a head start or fails (S2, raced Happy Eyeballs style, a failed site remembered for a while), where
 * the server says (S10).
 */
package com.mobilityha.mobile.site;
