/** Which mobility site the app talks to: the primary, the secondary when the primary fails it (S2), where the server says (S10). */
package com.mobilityha.mobile.site;
