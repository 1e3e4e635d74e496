/** The connect-gateway as pods start in production: several at once, cold, against a slow or failing Connect. */
package com.mobilityha.systemtests.gateway;
