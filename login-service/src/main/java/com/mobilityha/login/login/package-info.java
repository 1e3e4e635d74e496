/** The login flows: directory (non-SSO) login and its orchestration across directory, gateway and sessions. */
package com.mobilityha.login.login;
