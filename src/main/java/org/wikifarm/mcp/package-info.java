/**
 * The Model Context Protocol server in every wiki ({@code <wiki base>/mcp}): the official Java SDK's Streamable HTTP
 * transport behind a front servlet that checks Origin, the wiki's bearer token and the session's owner, and thin
 * tools and resources over the page and search services.
 */
package org.wikifarm.mcp;
