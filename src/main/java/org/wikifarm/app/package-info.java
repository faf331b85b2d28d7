/** Start-up wiring, settings and the error family every front door shares. */
package org.wikifarm.app;
