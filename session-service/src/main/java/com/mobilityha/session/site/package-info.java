/** This site's identity and the settings that shape session storage. */
package com.mobilityha.session.site;
