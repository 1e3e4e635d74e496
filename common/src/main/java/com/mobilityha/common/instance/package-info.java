/**
 * The state of each Amazon Connect instance that both sites share: written by connect-gateway pods
 * (their views, and the transitions a quorum of them decides), read by the operations console.
 */
package com.mobilityha.common.instance;
