/**
 * RFC 9457 {@code application/problem+json} errors: one catalogue of stable problem types, one
 * exception to raise them, the mappers that turn every failure (malformed JSON, unknown route,
 * unexpected exceptions) into a problem without leaking stack traces, and the relay of the problems
 * of the site's other services ({@link com.mobilityha.common.problem.DownstreamProblems},
 * {@link com.mobilityha.common.problem.Downstream}) to the app.
 */
package com.mobilityha.common.problem;
