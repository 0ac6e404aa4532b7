"""Helpers every stage may use and that know nothing of the pipeline.

Writing a cache file atomically, the user's cache folder, a bounded memo, regexes compiled on
first use, offsets to lines and columns, the project root and display paths, and the exact
JSON codec of the model's dataclasses. Nothing here imports a pipeline stage.
"""
