/**
 * Several nodes (docs/scale-out.md): which node holds each wiki ({@link org.wikifarm.node.Placements}), the farm's
 * nodes and their room ({@link org.wikifarm.node.NodeDirectory}), where a new wiki goes
 * ({@link org.wikifarm.node.PlacementPolicy}), moving a wiki between nodes ({@link org.wikifarm.node.Mover}) and the
 * calls nodes make to each other ({@link org.wikifarm.node.NodeClient}).
 */
package org.wikifarm.node;
