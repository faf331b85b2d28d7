/** The farm's nodes: which node holds each wiki, moving wikis between nodes, and routing requests to them. */
package org.wikifarm.node;
