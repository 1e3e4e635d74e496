/**
 * REST clients of the site's other services (connect-gateway, session-service), each wrapped by a
 * bean that bounds its time; problems they answer are relayed to the app unchanged.
 */
package com.mobilityha.login.downstream;
