/** Delivery reports per notification: targeted, sent, failed, pruned. */
package com.mobilityha.notifier.report;
