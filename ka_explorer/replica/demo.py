"""The demo credentials that the replica accepts and shows on its pages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCredentials:
    """The registered consumer and the two accounts of the replica."""

    consumer_key: str = "demo-consumer-key"
    consumer_secret: str = "demo-consumer-secret"
    username: str = "demo-student"
    password: str = "khan-demo"
    coach_username: str = "demo-coach"
    coach_password: str = "khan-demo"


DEMO = DemoCredentials()
