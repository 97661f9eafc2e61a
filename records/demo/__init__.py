"""Demo data: many realistic records, for trying the site and measuring it at scale."""

from .build import DEMO_PREFIX, DemoBuilder, DemoSizes, clear, demo_counts
from .text import COMMON_WORD, rare_word

__all__ = ["COMMON_WORD", "DEMO_PREFIX", "DemoBuilder", "DemoSizes", "clear", "demo_counts", "rare_word"]
