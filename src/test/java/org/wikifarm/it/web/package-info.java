/**
 * Browser tests: the web UI driven in a real headless Chromium, written as user steps over small page objects.
 */
package org.wikifarm.it.web;
