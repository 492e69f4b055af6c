"""The generated dataset: deterministic, lazily built, realistic in size."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import requests

from ka_explorer.replica import Dataset, RunningReplica
from ka_explorer.replica.dataset.skeleton import Sizes
from ka_explorer.replica.render import Style

SMALL = Sizes(
    topics_per_subject=(1, 2),
    tutorials_per_topic=(1, 2),
    videos_per_tutorial=(1, 3),
    exercises_per_tutorial=(1, 2),
)


def _small(tmp_path: Path, seed: int = 7) -> Dataset:
    return Dataset(seed=seed, sizes=SMALL, cache_folder=tmp_path)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = _small(tmp_path / "a").topictree(Style()).data
    second = _small(tmp_path / "b").topictree(Style()).data
    assert first == second
    assert _small(tmp_path / "c", seed=8).topictree(Style()).data != first


def test_topictree_cached_on_disk(tmp_path: Path) -> None:
    built = _small(tmp_path).topictree(Style())
    files = list(tmp_path.rglob("topictree-*.json"))
    assert len(files) == 1
    assert files[0].read_bytes() == built.data
    again = _small(tmp_path).topictree(Style())
    assert again.etag == built.etag


def test_pretty_tree_matches_json_indent(tmp_path: Path) -> None:
    dataset = _small(tmp_path)
    compact = dataset.topictree(Style()).data
    pretty = dataset.topictree(Style(pretty=True)).data.decode()
    assert pretty == json.dumps(json.loads(compact), indent=4)


def test_camel_tree_keys(tmp_path: Path) -> None:
    tree = json.loads(_small(tmp_path).topictree(Style(camel=True)).data)
    assert "standaloneTitle" in tree
    assert (
        "youtubeId"
        in tree["children"][0]["children"][0]["children"][0]["children"][0]["children"][
            0
        ]
    )


def test_node_same_alone_and_in_tree(tmp_path: Path) -> None:
    dataset = _small(tmp_path)
    tree = json.loads(dataset.topictree(Style()).data)
    stack = [tree]
    while stack:
        node = stack.pop()
        if node["kind"] == "Video":
            assert dataset.video(node["readable_id"]) == node
            return
        stack.extend(node.get("children", []))
    pytest.fail("no video in the tree")


def test_skeleton_not_built_at_start(tmp_path: Path) -> None:
    dataset = _small(tmp_path)
    assert "skeleton" not in vars(dataset)
    dataset.login_table()
    assert "skeleton" not in vars(dataset)


def test_examples_present() -> None:
    dataset = Dataset(use_disk_cache=False)
    for youtube_id in ("jxA8MffVmPs", "Sc0e6xrRJYY", "wD15pD5pCt4"):
        assert dataset.video(youtube_id) is not None, youtube_id
    for name in ("logarithms_1", "subtraction_1", "scientific_notation"):
        assert dataset.exercise(name) is not None, name
    assert dataset.topic("Algebra") is not None
    assert dataset.topic("Calculus") is not None
    assert len(dataset.badges) == 209


@pytest.mark.slow
def test_full_topictree_size_and_times(
    tmp_path: Path, replica: RunningReplica, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    generated = Dataset(cache_folder=tmp_path).topictree(Style())
    generation = time.perf_counter() - started

    requests.get(f"{replica.base_url}/api/v1/topictree?kind=Video", timeout=300)
    started = time.perf_counter()
    response = requests.get(f"{replica.base_url}/api/v1/topictree", timeout=300)
    first_serve = time.perf_counter() - started
    started = time.perf_counter()
    again = requests.get(f"{replica.base_url}/api/v1/topictree", timeout=300)
    warm_serve = time.perf_counter() - started

    size = len(response.content)
    assert response.status_code == 200
    assert response.content == generated.data
    assert again.content == response.content
    assert 40_000_000 <= size <= 80_000_000
    tree = response.json()
    assert tree["id"] == "root"
    assert tree["kind"] == "Topic"
    with capsys.disabled():
        print(
            f"\ntopictree {size / 1e6:.1f} MB: generated in {generation:.2f} s, "
            f"served in {first_serve:.2f} s, then {warm_serve:.2f} s"
        )
