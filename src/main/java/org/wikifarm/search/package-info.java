/**
 * Search inside every wiki: full text (BM25) and semantic (all-MiniLM-L6-v2 vectors) over one Lucene index per wiki,
 * fused by score (Fusion), kept in step with page changes by a durable per-wiki queue drained in the background.
 */
package org.wikifarm.search;
