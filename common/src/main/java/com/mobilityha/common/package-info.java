/**
 * What two or more Mobility HA services share: RFC 9457 problems, session and company records,
 * the names of the Redis keys both sites read and write, bearer-session authentication, the
 * notification publisher and the failover journal. Code used by one service lives in that service.
 */
package com.mobilityha.common;
