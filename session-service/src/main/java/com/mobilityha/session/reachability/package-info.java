/**
 * B8: the app's check-in, the cheap authenticated call that tells the server its phone is reachable, and
 * the answer that tells the app when to check in next and whether the watchdog made its agent non-routable.
 */
package com.mobilityha.session.reachability;
