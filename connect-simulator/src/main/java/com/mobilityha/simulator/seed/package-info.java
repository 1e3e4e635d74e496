/** The seed file: instances, their users, agent statuses and routing profiles. */
package com.mobilityha.simulator.seed;
