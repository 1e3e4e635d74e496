/** The README's main job: the local site and a narrated walk-through of the vertical slice. */
package com.mobilityha.systemtests.demo;
