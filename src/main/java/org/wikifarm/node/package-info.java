/**
 * The farm's nodes (docs/scale-out.md): which node holds each wiki ({@link org.wikifarm.node.Placements}), the
 * nodes and their room ({@link org.wikifarm.node.NodeDirectory}), where a new wiki goes
 * ({@link org.wikifarm.node.PlacementPolicy}), moving a wiki between nodes ({@link org.wikifarm.node.Mover}), the
 * calls nodes make to each other ({@link org.wikifarm.node.NodeClient}), and routing requests to them by HAProxy's map
 * ({@link org.wikifarm.node.ProxyMap}, {@link org.wikifarm.node.LiveProxyMap}).
 */
package org.wikifarm.node;
