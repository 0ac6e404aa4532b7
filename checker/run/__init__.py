"""The run: the command line and the engine that drives the stages.

:mod:`.cli` reads the arguments and the config (:mod:`.config`), :mod:`.scope` decides what
is read and what is reported, :mod:`.engine` runs load -> parse -> frame for each file
(:mod:`.process`; in several processes with :mod:`.workers`), keeps per-file results in the
claim cache (:mod:`.cache`) and whole runs in :mod:`.memo`, builds the index and calls the
rules found by the plugin manager (:mod:`.plugins`). Findings then pass the inline
suppressions (:mod:`.suppress`) and the baseline (:mod:`.baseline`) and go to a reporter
through a spool (:mod:`.spool`). Nothing below this package imports it.
"""
