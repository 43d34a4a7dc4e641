"""micrograd ქართულად: პატარა ავტოგრადის ძრავა (autograd engine) და ნეირონული ქსელი.

>>> from micrograd import Value
>>> Value(2.0) + 3
Value(data=5.0)
"""

from importlib.metadata import PackageNotFoundError, version

from micrograd.engine import Value

try:
    __version__ = version("micrograd-ka")
except PackageNotFoundError:  # წყაროდან გაშვებისას, დაუყენებლად (running from a source tree)
    __version__ = "0.0.0+unknown"

__all__ = ["Value", "__version__"]
