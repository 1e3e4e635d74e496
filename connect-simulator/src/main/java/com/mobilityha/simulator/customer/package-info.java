/** The customer's side of contacts, driven by tests and demos through the admin API: inbound calls, answer, miss, hang-up, transfer. */
package com.mobilityha.simulator.customer;
