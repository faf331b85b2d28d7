/** The REST API (Jersey): thin resources over the feature services, JSON mapping and error mapping. */
package org.wikifarm.api;
