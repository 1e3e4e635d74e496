/**
 * Amazon Connect Global Resiliency: the traffic distribution groups that link a source instance to
 * its replica in another Region, their API (list, describe, get and update the distribution, associate
 * users) with AWS's validation and Region rules, and where a customer's call to the group's numbers lands.
 */
package com.mobilityha.simulator.traffic;
