/** A bare Quarkus REST application: the baseline against which {@code bin/bench P5} measures each service's start. */
package com.mobilityha.baseline;
