/**
 * The shared Redis data set's map: {@code RedisKeys} names every key of every service and site and
 * the one class that owns each key's format. Start here to find who writes and who reads a key.
 */
package com.mobilityha.common.redis;
