"""Domain exceptions raised by services; forum/web/errors.py turns them into pages."""


class DomainError(Exception):
    """Base of the errors a service raises for a user to read."""

    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """Input a form should re-show with `message` next to `field`."""

    status = 422

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


class PermissionDenied(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    """The object changed or is already in the requested state."""

    status = 409
