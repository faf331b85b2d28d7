/** Pages of one wiki: their names, contents, history and links, independent of how they are stored. */
package org.wikifarm.page;
