/** Company settings the app fetches at start (S1): sites, Connect instances, login method. */
package com.mobilityha.login.company;
