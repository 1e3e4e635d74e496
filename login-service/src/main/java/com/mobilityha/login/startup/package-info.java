/** What login-service checks before it serves: its secrets. */
package com.mobilityha.login.startup;
