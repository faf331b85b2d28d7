/** The embedding model: all-MiniLM-L6-v2 through ONNX Runtime and DJL's tokenizer, read from the class path. */
package org.wikifarm.search.onnx;
