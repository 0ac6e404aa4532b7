"""Exceptions that end a run with a documented exit code."""


class UsageError(Exception):
    """A bad argument, a bad config or a path that does not exist: exit 2, one line."""


class ConfigError(UsageError):
    """A config file that does not parse or holds a bad key or value.

    The message names the file, the line and what was expected.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
