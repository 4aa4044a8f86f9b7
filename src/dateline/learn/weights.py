"""The attribution model's weights as the package ships them: 8-bit integers, one scale per block of 128 values.

A float32 parameter `x` is stored as ``round(x / s)`` in int8 with ``s = max|x| / 127`` over each block of 128 of its
values (float16 scales): a quarter of the size (0.9 MB in place of 3.6 MB), and each value within half a step of
its block's scale. The rest of the model's description (its layers' dimensions and attributes) is thinc's own
(`Model.to_dict`), so the model reads back as it was written, whatever its architecture's settings.
"""

from __future__ import annotations

from typing import Any

import numpy
import srsly
from thinc.api import Model

BLOCK = 128


def _packed(array: numpy.ndarray) -> dict[str, Any]:
    flat = numpy.asarray(array, dtype="float32").ravel()
    padded = numpy.zeros(-(-flat.size // BLOCK) * BLOCK, dtype="float32")
    padded[:flat.size] = flat
    blocks = padded.reshape(-1, BLOCK)
    scales = (numpy.abs(blocks).max(axis=1) / 127).astype("float16")
    safe = numpy.where(scales == 0, 1, scales).astype("float32")[:, None]
    values = numpy.clip(numpy.rint(blocks / safe), -127, 127).astype("int8")
    return {"shape": list(array.shape), "values": values.tobytes(), "scales": scales.tobytes()}


def _unpacked(packed: dict[str, Any]) -> numpy.ndarray:
    shape = tuple(packed["shape"])
    values = numpy.frombuffer(packed["values"], dtype="int8").reshape(-1, BLOCK).astype("float32")
    scales = numpy.frombuffer(packed["scales"], dtype="float16").astype("float32")[:, None]
    size = int(numpy.prod(shape)) if shape else 1
    return (values * scales).ravel()[:size].reshape(shape)


def to_bytes(model: Model) -> bytes:
    """The model, its parameters packed."""
    described = model.to_dict()
    described["params"] = [{name: None if value is None else _packed(value) for name, value in params.items()}
                           for params in described["params"]]
    return srsly.msgpack_dumps(described)


def from_bytes(model: Model, data: bytes) -> Model:
    """Set `model` (built from the same config) to the packed model `data`."""
    described = srsly.msgpack_loads(data)
    described["params"] = [{name: None if value is None else _unpacked(value) for name, value in params.items()}
                           for params in described["params"]]
    return model.from_dict(described)
