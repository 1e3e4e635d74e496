package com.mobilityha.common.company;

/** How a company's agents take calls, set on their Connect user at login (docs/architecture.md §3). */
public enum PhoneType {
    /** The app embeds softphone media: Connect's SOFT_PHONE. */
    SOFT_PHONE,
    /** Calls ring the agent's mobile number (E.164, given at login): Connect's DESK_PHONE. */
    DESK_PHONE
}
