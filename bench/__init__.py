"""Benchmarks of the window and the core layers; `python -m bench.run_all` runs them."""
