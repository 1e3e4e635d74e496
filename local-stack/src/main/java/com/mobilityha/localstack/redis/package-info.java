/** Real redis-server processes on free loopback ports: one server, or a master, replica and three Sentinels; and a client for tests. */
package com.mobilityha.localstack.redis;
