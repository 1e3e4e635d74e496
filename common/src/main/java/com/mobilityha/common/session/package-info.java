/**
 * Sessions as every service sees them: the record stored in the shared Redis data set, the
 * session token rules (random, only its SHA-256 stored) and bearer authentication against Redis.
 */
package com.mobilityha.common.session;
