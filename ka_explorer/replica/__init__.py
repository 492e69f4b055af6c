"""The local replica of the retired Khan Academy API v1.

A Flask app with an oauthlib OAuth 1.0a provider, every endpoint of the
catalog over a generated dataset, replay of recorded responses, and the
removal timeline.
"""

from ka_explorer.replica.app import create_app
from ka_explorer.replica.dataset import Dataset
from ka_explorer.replica.demo import DEMO, DemoCredentials
from ka_explorer.replica.errors import ReplicaError
from ka_explorer.replica.server import RunningReplica, start_replica
from ka_explorer.replica.timeline import DEFAULT_AS_OF

__all__ = [
    "DEFAULT_AS_OF",
    "DEMO",
    "Dataset",
    "DemoCredentials",
    "ReplicaError",
    "RunningReplica",
    "create_app",
    "start_replica",
]
