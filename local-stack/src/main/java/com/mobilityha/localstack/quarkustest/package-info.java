/** Quarkus test resources that give a service's {@code @QuarkusTest} a real redis-server or Sentinel set. */
package com.mobilityha.localstack.quarkustest;
