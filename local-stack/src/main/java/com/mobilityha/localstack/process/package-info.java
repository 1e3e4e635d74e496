/** Our services and the Connect simulator as processes (none outliving the JVM that started it: {@link com.mobilityha.localstack.process.ChildProcesses}) from their built {@code quarkus-run.jar}, free ports, and polling until something holds. */
package com.mobilityha.localstack.process;
