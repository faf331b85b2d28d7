/**
 * Bounds on what users send and what answers carry: deadlines that work over user text checks as it goes, character
 * and JSON-size measures of text, byte budgets for lists of stored data, and locks that make count caps exact.
 */
package org.wikifarm.limit;
