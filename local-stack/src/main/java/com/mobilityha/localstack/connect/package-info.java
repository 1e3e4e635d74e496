/** The connect-simulator's Amazon Connect API quota profiles, and the gateway budget that matches each. */
package com.mobilityha.localstack.connect;
