/**
 * Clients of the site's other services (connect-gateway, session-service): a REST client interface
 * per service API, wrapped by a bean that carries its fault tolerance (circuit breaker, timeout,
 * configured in {@code application.properties}); problems they answer are relayed to the app
 * unchanged, an unreachable service is a 503 problem ({@link com.mobilityha.common.problem.Downstream}).
 */
package com.mobilityha.login.downstream;
