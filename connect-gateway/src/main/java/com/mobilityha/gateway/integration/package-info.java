/**
 * Third-party integrations (S14): call events delivered to each company's CRM webhook at least
 * once, with the same fault tolerance as Amazon Connect calls (timeout, circuit breaker, bulkhead
 * per URL) and failover from its primary URL to its secondary.
 */
package com.mobilityha.gateway.integration;
