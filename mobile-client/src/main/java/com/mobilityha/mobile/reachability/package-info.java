/** B8: the app's check-in schedule while it runs, and its suspension (as the phone's OS suspends an app). */
package com.mobilityha.mobile.reachability;
