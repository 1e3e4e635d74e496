/**
 * Clients of the site's other services (notifier-service, connect-gateway, login-service): a REST
 * client interface per service API, wrapped by a bean per service that carries its fault tolerance
 * (a timeout per call, configured in {@code application.properties}); problems they answer are relayed
 * unchanged, an unreachable service is a 503 problem ({@link com.mobilityha.common.problem.Downstream}).
 */
package com.mobilityha.session.downstream;
