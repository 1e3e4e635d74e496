/**
 * Amazon Connect access: one AWS SDK v2 client per configured instance and the translation of
 * SDK failures into problems the app can act on.
 */
package com.mobilityha.gateway.connect;
