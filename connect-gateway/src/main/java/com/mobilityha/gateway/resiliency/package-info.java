/**
 * B3, Amazon Connect Global Resiliency: for a company whose two instances are a source and its replica,
 * the gateway follows the traffic distribution group (shifting it itself when the source's Region goes
 * DOWN under the {@code automatic} policy) and moves the agents' sessions to the instance their agents
 * are distributed to, without a new sign-in: the same users exist in both instances.
 */
package com.mobilityha.gateway.resiliency;
