/** How pushes reach the app: the device's registration, and the inbox the push service fills. */
package com.mobilityha.mobile.push;
