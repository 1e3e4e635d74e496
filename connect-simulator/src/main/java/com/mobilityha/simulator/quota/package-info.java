/**
 * Amazon Connect's API throttling, as the service applies it: one token bucket per account, Region
 * and operation, with rates and bursts from a quota profile ({@code aws-default}: AWS's documented
 * defaults; {@code raised}: what an account gets after a quota increase), and the throttling error
 * each operation answers.
 */
package com.mobilityha.simulator.quota;
