/** In-memory state of each simulated Connect instance: users, agent statuses, contacts. */
package com.mobilityha.simulator.instance;
