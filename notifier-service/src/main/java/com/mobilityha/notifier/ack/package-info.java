/**
 * B8: the app acknowledges each push it received: counted once per session as delivered in the
 * notification's report (S13), and a sign that the session's phone is reachable.
 */
package com.mobilityha.notifier.ack;
