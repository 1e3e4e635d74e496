/** Sessions written into Redis in session-service's layout, for services' tests that do not run session-service. */
package com.mobilityha.localstack.session;
