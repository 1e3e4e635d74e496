/** Agent operations on Amazon Connect: login at the start of a session and agent status. */
package com.mobilityha.gateway.agent;
