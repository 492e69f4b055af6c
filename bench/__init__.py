"""Benchmarks of the core layers; `python -m bench.run_all` runs them."""
