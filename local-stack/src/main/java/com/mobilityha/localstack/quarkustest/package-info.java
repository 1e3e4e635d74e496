/**
 * Quarkus test resources that give a service's {@code @QuarkusTest} a real redis-server or Sentinel set, and the
 * way its tests reach the service's management interface.
 */
package com.mobilityha.localstack.quarkustest;
