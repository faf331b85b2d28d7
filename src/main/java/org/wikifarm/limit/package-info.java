/** Bounds on work done over user text: deadlines that long-running steps check as they go. */
package org.wikifarm.limit;
