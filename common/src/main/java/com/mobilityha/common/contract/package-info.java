/**
 * Bodies of the cluster-internal calls between services (login-service → connect-gateway,
 * login-service → session-service), shared so both sides agree on one definition.
 */
package com.mobilityha.common.contract;
