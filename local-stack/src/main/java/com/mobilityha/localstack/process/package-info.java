/** Our services and the Connect simulator as processes from their built {@code quarkus-run.jar}, free ports, and polling until something holds. */
package com.mobilityha.localstack.process;
