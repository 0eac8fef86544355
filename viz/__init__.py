"""regkg's HTML graph browser (rendered with pyvis's vis-network, working offline)."""
