/** Per-instance fault controls (down, hang, slow, throttled, error rate), the SigV4 check and the admin API. */
package com.mobilityha.simulator.fault;
