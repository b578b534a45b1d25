"""Benchmarks of issue 8 (planning overhead, test suite, import time, deployment critical
path, cost efficiency). Run ``make bench``; results go to ``bench/RESULTS.md``."""
