/**
 * RFC 9457 {@code application/problem+json} errors: one catalogue of stable problem types, one
 * exception to raise them and the mappers that turn every failure (malformed JSON, unknown route,
 * unexpected exceptions) into a problem without leaking stack traces.
 */
package com.mobilityha.common.problem;
