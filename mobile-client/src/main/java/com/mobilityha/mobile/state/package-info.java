/** The app's states and the only transitions between them, in one table. */
package com.mobilityha.mobile.state;
