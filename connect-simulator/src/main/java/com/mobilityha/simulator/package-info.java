/**
 * A stand-in for the Amazon Connect API (restJson1 wire format, real error shapes, SigV4 required)
 * with several instances in one process and per-instance fault controls. Dev, demo and tests only.
 */
package com.mobilityha.simulator;
