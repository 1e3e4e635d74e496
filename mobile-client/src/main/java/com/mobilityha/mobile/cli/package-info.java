/** A command line that behaves like the phone app, for operators' smoke tests and demos. */
package com.mobilityha.mobile.cli;
