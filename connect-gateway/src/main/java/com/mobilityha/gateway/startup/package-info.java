/** What the gateway checks before it serves: its secrets. */
package com.mobilityha.gateway.startup;
