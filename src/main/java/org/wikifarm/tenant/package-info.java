/** Which wiki a request is for: wiki ids, usernames and slugs, routing by host and path, the platform's wiki records. */
package org.wikifarm.tenant;
