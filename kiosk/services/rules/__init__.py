"""Business rules by domain. Importing this package registers every rule by name."""

from kiosk.services.rules import common, medical, social_insurance  # noqa: F401
