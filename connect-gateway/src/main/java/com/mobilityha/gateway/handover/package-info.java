/** One site alone cannot reach a Connect instance: its sessions on it move to a site that can (WAKE, no re-login). */
package com.mobilityha.gateway.handover;
