/**
 * The local stack of one or two mobility sites on loopback, put together from local-stack's parts
 * (redis-server or a Sentinel set, the dev IdP, mock APNs and FCM, the connect-simulator) and the
 * four services as separate JVM processes, configured with the demo company.
 */
package com.mobilityha.systemtests.stack;
