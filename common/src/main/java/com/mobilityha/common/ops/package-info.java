/**
 * What operators look back on: the failover journal (site takeovers, instances down and back, with
 * their timings) and the administrators' audit log, both per company in Redis streams shared by
 * the sites.
 */
package com.mobilityha.common.ops;
