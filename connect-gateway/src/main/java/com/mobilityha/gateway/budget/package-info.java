/**
 * The Amazon Connect API budget: Amazon Connect throttles each operation per AWS account and Region
 * (a token bucket, 2 requests/s with a burst of 5 for most operations by default), so every gateway
 * pod of both sites draws from one shared bucket per account, Region and operation in Redis, sized to
 * the account's quotas. Agent-facing calls (login, status, calls) queue briefly for their turn and are
 * otherwise answered {@code 429} with {@code Retry-After}; background calls (probes, fail-back checks)
 * never queue and leave a reserve of every bucket to the agents.
 */
package com.mobilityha.gateway.budget;
