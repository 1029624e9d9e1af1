"""Errors raised when a rule of the domain is broken."""


class DomainError(Exception):
    """Base class: a request that the domain refuses."""


class InvalidValue(DomainError):
    """A value that can never be valid, named by its field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def __reduce__(self) -> tuple[type["InvalidValue"], tuple[str, str]]:
        # Raised in a worker process (the twin's), it must reach the parent intact.
        return (type(self), (self.field, self.message))


class IllegalTransition(DomainError):
    """A service case was asked to make a move its state machine does not allow."""

    def __init__(self, case_id: str, state: str, action: str) -> None:
        super().__init__(f"case {case_id} cannot '{action}' while '{state}'")
        self.case_id = case_id
        self.state = state
        self.action = action
