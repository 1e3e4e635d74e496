/**
 * What two or more Mobility HA services (or both sites) share, one package per concern: the
 * shared Redis data model ({@code redis} names every key; {@code session}, {@code site},
 * {@code instance}, {@code notification} and {@code ops} own one record or stream each, with
 * contract tests pinning their formats), RFC 9457 problems, company configuration, the bodies of
 * service-to-service calls, administrators' identity and at-least-once stream consumption. Code
 * used by one service lives in that service.
 */
package com.mobilityha.common;
