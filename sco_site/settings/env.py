"""Reading configuration from the environment and the optional `.env` file."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Real environment variables always win over `.env` (override=False).
load_dotenv(BASE_DIR / ".env", override=False)


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_number(name, default, kind):
    value = os.environ.get(name, "")
    if value.strip() == "":
        return kind(default)
    try:
        return kind(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from None


def env_int(name, default):
    return env_number(name, default, int)


def env_float(name, default):
    return env_number(name, default, float)
