/**
 * Types shared by the Mobility HA services: RFC 9457 problems, session and company records,
 * Redis key names and bearer-session authentication. Nothing service-specific lives here.
 */
package com.mobilityha.common;
