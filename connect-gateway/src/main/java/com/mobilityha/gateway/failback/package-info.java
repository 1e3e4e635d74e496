/**
 * Fail-back to the primary Connect instance once it is back (S9, B2): nothing moves by itself (a
 * Connect login cannot move); agents on the secondary get a FAILBACK push asking them to sign in
 * again, at once when an administrator says so or, with the {@code when-idle} policy, each only
 * once Amazon Connect shows them off-contact.
 */
package com.mobilityha.gateway.failback;
