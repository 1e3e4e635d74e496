/** What session-service checks before it serves: its secrets. */
package com.mobilityha.session.startup;
