"""Graph stores: the embedded FalkorDB (default) and Neo4j, behind one small protocol."""

from graph.config import StoreConfig
from graph.store import GraphStore, open_store

__all__ = ["GraphStore", "StoreConfig", "open_store"]
