"""Stories and events (layer 3): online story clustering of analysed articles, events inside a story.

Public API: ``StoryClusterer`` (``add``, ``stories``, ``state_dict``/``from_state``), ``cluster`` for a
batch, ``split_events`` for the events of one story, ``bcubed`` to score a clustering.
"""

from storyline.stories.cluster import ClusterConfig, StoryClusterer, cluster
from storyline.stories.events import split_events
from storyline.stories.metrics import BCubed, bcubed

__all__ = ["BCubed", "ClusterConfig", "StoryClusterer", "bcubed", "cluster", "split_events"]
