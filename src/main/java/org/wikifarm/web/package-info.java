/** The browser-facing side: error pages (the web UI arrives with its own issue). */
package org.wikifarm.web;
