/** One wiki's search index in Lucene 9: page documents for BM25 and highlighting, chunk documents with vectors. */
package org.wikifarm.search.lucene;
