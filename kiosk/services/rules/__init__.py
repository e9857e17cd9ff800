"""Business rules by domain. Importing this package imports every module in it, which registers
every rule by name (a new domain module needs no other wiring)."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
