/** S8: when a Connect instance goes DOWN, its sessions must log in again elsewhere; RELOGIN pushes tell them. */
package com.mobilityha.gateway.relogin;
