"""Each domain's tables, one module per domain (they share `kiosk.store.models.Base`).

Importing this package imports every module in it, so `create_schema` creates every table.
"""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
