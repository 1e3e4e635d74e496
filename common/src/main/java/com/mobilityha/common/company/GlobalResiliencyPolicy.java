package com.mobilityha.common.company;

/** Who moves an Amazon Connect Global Resiliency company's agents to the replica when the source's Region fails. */
public enum GlobalResiliencyPolicy {
    /** An administrator shifts the traffic (all at once or in waves), after confirming. */
    MANUAL,
    /** The gateway shifts it when the source instance is DOWN for the company (every live site agrees). */
    AUTOMATIC
}
