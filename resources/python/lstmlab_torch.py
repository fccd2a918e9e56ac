"""lstmlab_torch: the PyTorch side of an LSTM Lab checkpoint.

A single module (torch + numpy + the standard library) that lets a PyTorch user
  * read and write safetensors files without the `safetensors` package,
  * build the network an LSTM Lab ModelSpec describes, with the parameter names of the tutorial's
    classes (so a checkpoint also loads into that code with load_state_dict), and
  * load an LSTM Lab checkpoint and predict with it, or save PyTorch weights for LSTM Lab.

Shapes: B = batch, T = sequence length, I = features, H = hidden size of a layer,
D = width of the top layer's output (H, or 2H when bidirectional), O = outputs.

    from lstmlab_torch import load_checkpoint
    model, metadata = load_checkpoint("run.safetensors")   # in eval mode: dropout off
    with torch.no_grad():
        y = model(x)                 # x (B, T, I) -> y (B, O)
    weights = model.last_attention   # (B, T) when the spec has attention, else None
"""

import json
import math
import os
import struct

import numpy as np
import torch
from torch import nn

__all__ = [
    "read_safetensors", "write_safetensors", "spec_from_json", "spec_to_json", "build_model",
    "load_checkpoint", "save_checkpoint", "BahdanauAttention", "LstmLabModel",
]

# ---------------------------------------------------------------------------------------------
# safetensors: u64 little-endian header length N, N bytes of UTF-8 JSON (padded with spaces), data.
# The JSON maps each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets into
# the data that follows the header) and may hold "__metadata__", a string -> string object.
# ---------------------------------------------------------------------------------------------

MAX_HEADER_BYTES = 100_000_000   # the reference implementation's cap too
METADATA_KEY = "__metadata__"

_DTYPES = {   # safetensors name -> numpy little-endian dtype
    "BOOL": np.dtype("bool"), "U8": np.dtype("u1"), "I8": np.dtype("i1"),
    "U16": np.dtype("<u2"), "I16": np.dtype("<i2"), "F16": np.dtype("<f2"),
    "U32": np.dtype("<u4"), "I32": np.dtype("<i4"), "F32": np.dtype("<f4"),
    "U64": np.dtype("<u8"), "I64": np.dtype("<i8"), "F64": np.dtype("<f8"),
}
_NAMES = {dtype.newbyteorder("<") if dtype.byteorder != "|" else dtype: name
          for name, dtype in _DTYPES.items()}
# numpy has no bfloat16: BF16 is read into float32 (exact: bf16 is the top half of an f32) and a
# torch.bfloat16 tensor is written from its raw 16-bit patterns.
_BF16 = "BF16"
_BF16_STORAGE = np.dtype("<u2")


def _reject_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"safetensors header: key {key!r} appears twice")
        seen[key] = value
    return seen


def _parse_header(path, raw, data_size):
    """Checks the header JSON against the data size; returns ([(name, entry)] by offset, metadata)."""
    if not raw.startswith(b"{"):
        raise ValueError(f"{path}: the safetensors header does not start with '{{'")
    try:
        header = json.loads(raw.decode("utf-8"), object_pairs_hook=_reject_duplicates)
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: the safetensors header is not UTF-8 ({error})") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: the safetensors header is not valid JSON ({error})") from None
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None
    metadata = header.pop(METADATA_KEY, None) or {}
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise ValueError(f"{path}: __metadata__ must map strings to strings")
    entries = []
    for name, entry in header.items():
        if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
            raise ValueError(f"{path}: tensor {name!r} needs exactly dtype, shape and data_offsets")
        dtype, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
        if dtype not in _DTYPES and dtype != _BF16:
            raise ValueError(f"{path}: tensor {name!r} has unknown dtype {dtype!r}")
        if not isinstance(shape, list) or not all(type(d) is int and d >= 0 for d in shape):
            raise ValueError(f"{path}: tensor {name!r} has a shape that is not a list of sizes")
        if (not isinstance(offsets, list) or len(offsets) != 2
                or not all(type(o) is int for o in offsets) or not 0 <= offsets[0] <= offsets[1]):
            raise ValueError(f"{path}: tensor {name!r} has data_offsets that are not [begin, end]")
        expected = math.prod(shape) * _DTYPES.get(dtype, _BF16_STORAGE).itemsize
        if offsets[1] - offsets[0] != expected:
            raise ValueError(f"{path}: tensor {name!r} spans {offsets[1] - offsets[0]} bytes but "
                             f"{dtype} {shape} needs {expected}")
        entries.append((name, entry))
    entries.sort(key=lambda item: item[1]["data_offsets"])
    position = 0
    for name, entry in entries:   # contiguous: no hole, no overlap, nothing past the end
        begin, end = entry["data_offsets"]
        if begin != position:
            what = "overlaps the previous tensor" if begin < position else "leaves a hole before it"
            raise ValueError(f"{path}: tensor {name!r} starts at byte {begin} and {what}")
        position = end
    if position != data_size:
        raise ValueError(f"{path}: the tensors cover {position} data bytes but the file holds "
                         f"{data_size}")
    return entries, metadata


def read_safetensors(path):
    """Reads a safetensors file; returns ({name: numpy array} in file order, {key: str} metadata).

    The file is checked before anything is allocated from its numbers: header length within the file
    and under MAX_HEADER_BYTES, UTF-8 JSON without duplicate keys, known dtypes, shape x dtype =
    byte span, spans contiguous from 0 to the end of the file. Raises ValueError naming the problem.
    """
    with open(path, "rb") as stream:
        file_size = os.fstat(stream.fileno()).st_size
        if file_size < 8:
            raise ValueError(f"{path}: {file_size} bytes is too short for a safetensors file")
        (header_size,) = struct.unpack("<Q", stream.read(8))
        if header_size > min(MAX_HEADER_BYTES, file_size - 8):
            raise ValueError(f"{path}: header length {header_size} exceeds the file "
                             f"({file_size} bytes) or the {MAX_HEADER_BYTES}-byte cap")
        entries, metadata = _parse_header(path, stream.read(header_size),
                                          file_size - 8 - header_size)
        data = stream.read()
    tensors = {}
    for name, entry in entries:
        begin, end = entry["data_offsets"]
        dtype = _DTYPES.get(entry["dtype"], _BF16_STORAGE)
        array = np.frombuffer(data, dtype=dtype, count=(end - begin) // dtype.itemsize, offset=begin)
        array = array.reshape(entry["shape"]).astype(dtype.newbyteorder("="), copy=True)
        if entry["dtype"] == _BF16:
            array = (array.astype(np.uint32) << 16).view(np.float32)
        tensors[name] = array
    return tensors, dict(metadata)


def _as_numpy(value):
    """(numpy array, safetensors dtype name or None to derive it from the array)."""
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().contiguous()
        if value.dtype == torch.bfloat16:
            return value.view(torch.int16).numpy().view(_BF16_STORAGE), _BF16
        value = value.numpy()
    return np.asarray(value), None


def write_safetensors(path, tensors, metadata=None):
    """Writes tensors (name -> numpy array or torch tensor, stored in the given order) and metadata.

    The file is written beside `path`, flushed, synced and renamed over it, so `path` never holds a
    half-written file. Raises ValueError for an unsupported dtype or a non-string metadata value.
    """
    metadata = dict(metadata or {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise ValueError("safetensors metadata must map strings to strings")
    # Metadata keys sorted, names as raw UTF-8: for the same input these are the very bytes the C++
    # writer (engine/io) produces.
    header = {METADATA_KEY: dict(sorted(metadata.items()))} if metadata else {}
    blobs, position = [], 0
    for name, value in tensors.items():
        if name == METADATA_KEY:
            raise ValueError(f"{METADATA_KEY!r} is reserved and cannot name a tensor")
        array, dtype_name = _as_numpy(value)
        dtype = array.dtype.newbyteorder("<") if array.dtype.byteorder != "|" else array.dtype
        if dtype_name is None and dtype not in _NAMES:
            raise ValueError(f"tensor {name!r}: dtype {array.dtype} has no safetensors name")
        blob = np.ascontiguousarray(array, dtype=dtype).tobytes()
        header[name] = {"dtype": dtype_name or _NAMES[dtype], "shape": list(array.shape),
                        "data_offsets": [position, position + len(blob)]}
        blobs.append(blob)
        position += len(blob)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)   # data then starts on an 8-byte boundary
    temporary = f"{path}.tmp-{os.getpid()}"
    try:
        with open(temporary, "wb") as stream:
            stream.write(struct.pack("<Q", len(text)))
            stream.write(text)
            for blob in blobs:
                stream.write(blob)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


# ---------------------------------------------------------------------------------------------
# ModelSpec: {"cell": "lstm"|"gru", "hidden": [64, 32], "bidirectional": bool, "attention": bool,
#             "dropout": float, "features": int, "outputs": int}, stored as checkpoint metadata "model".
# ---------------------------------------------------------------------------------------------

_SPEC_DEFAULTS = {"cell": "lstm", "hidden": [32], "bidirectional": False, "attention": False,
                  "dropout": 0.0, "features": 1, "outputs": 1}


# LSTM Lab's limits (ModelSpec::validate in engine/nn/model_spec.cpp): a spec accepted here loads there.
MAX_HIDDEN, MAX_LAYERS, MAX_WIDTH = 4096, 8, 100000


def _normalise_spec(spec):
    """The spec with defaults filled in; raises ValueError naming the field LSTM Lab would refuse."""
    unknown = set(spec) - set(_SPEC_DEFAULTS)
    if unknown:
        raise ValueError(f"model spec: unknown field(s) {sorted(unknown)}")
    full = {**_SPEC_DEFAULTS, **spec}
    if full["cell"] not in ("lstm", "gru"):
        raise ValueError(f"model spec: cell {full['cell']!r} is not lstm or gru")
    hidden = full["hidden"]
    if (not isinstance(hidden, list) or not 1 <= len(hidden) <= MAX_LAYERS
            or not all(type(h) is int and 1 <= h <= MAX_HIDDEN for h in hidden)):
        raise ValueError(f"model spec: hidden {hidden!r} is not a list of 1..{MAX_LAYERS} sizes "
                         f"in 1..{MAX_HIDDEN}")
    if type(full["dropout"]) not in (int, float) or not 0.0 <= full["dropout"] < 1.0:
        raise ValueError(f"model spec: dropout {full['dropout']!r} is outside [0, 1)")
    if full["dropout"] > 0 and len(hidden) == 1:
        raise ValueError("model spec: inter-layer dropout needs at least two layers (this model has one)")
    for field in ("features", "outputs"):
        if type(full[field]) is not int or not 1 <= full[field] <= MAX_WIDTH:
            raise ValueError(f"model spec: {field} {full[field]!r} is outside 1..{MAX_WIDTH}")
    for field in ("bidirectional", "attention"):
        if type(full[field]) is not bool:
            raise ValueError(f"model spec: {field} {full[field]!r} is not true or false")
    full["dropout"] = float(full["dropout"])
    return full


def spec_from_json(text):
    """The spec dict of a ModelSpec JSON string (missing fields take LSTM Lab's defaults)."""
    return _normalise_spec(json.loads(text))


def spec_to_json(spec):
    """Compact JSON of a spec, fields in the documented order."""
    full = _normalise_spec(spec)
    return json.dumps({key: full[key] for key in _SPEC_DEFAULTS}, separators=(",", ":"))


# ---------------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------------

class BahdanauAttention(nn.Module):
    """Additive attention of the tutorial, D = hidden_size:
        (1) energy_t = tanh(attn([h_T, h_t]))    attn: Linear(2D, D)
        (2) score_t  = v(energy_t)               v: Linear(D, 1), no bias
        (3) a        = softmax_t(score)          (B, T)
        (4) context  = sum_t a_t h_t             (B, D)
    """

    def __init__(self, hidden_size):
        super().__init__()
        self.attn = nn.Linear(hidden_size * 2, hidden_size)
        self.v = nn.Linear(hidden_size, 1, bias=False)

    def forward(self, hidden, outputs):
        """hidden (B, D) queries outputs (B, T, D); returns context (B, D), weights (B, T)."""
        query = hidden.unsqueeze(1).expand(-1, outputs.size(1), -1)        # (B, T, D)
        energy = torch.tanh(self.attn(torch.cat([query, outputs], dim=2)))  # (B, T, D)
        weights = torch.softmax(self.v(energy).squeeze(2), dim=1)           # (B, T)
        context = torch.bmm(weights.unsqueeze(1), outputs).squeeze(1)       # (B, D)
        return context, weights


class LstmLabModel(nn.Module):
    """The network of a ModelSpec: recurrent stack -> [attention] -> fc; forward returns (B, O)."""

    def __init__(self, spec):
        super().__init__()
        self.spec = _normalise_spec(spec)
        cell, hidden = self.spec["cell"], self.spec["hidden"]
        bidirectional, dropout = self.spec["bidirectional"], self.spec["dropout"]
        module_type = nn.LSTM if cell == "lstm" else nn.GRU
        self.recurrent_name = "gru" if cell == "gru" else ("bilstm" if bidirectional else "lstm")
        directions = 2 if bidirectional else 1
        self.uniform = all(h == hidden[0] for h in hidden)
        if self.uniform:   # one multi-layer module: names <module>.weight_ih_l{k}
            recurrent = module_type(self.spec["features"], hidden[0], num_layers=len(hidden),
                                    batch_first=True, bidirectional=bidirectional,
                                    dropout=dropout if len(hidden) > 1 else 0.0)
        else:              # one single-layer module per size: names <module>.{k}.weight_ih_l0
            widths = [self.spec["features"]] + [h * directions for h in hidden[:-1]]
            recurrent = nn.ModuleList(
                module_type(width, size, batch_first=True, bidirectional=bidirectional)
                for width, size in zip(widths, hidden))
        self.add_module(self.recurrent_name, recurrent)
        self.inter_layer_dropout = nn.Dropout(dropout) if not self.uniform else None
        top_width = hidden[-1] * directions
        self.attention = BahdanauAttention(top_width) if self.spec["attention"] else None
        head_width = 2 * top_width if self.spec["attention"] else top_width
        self.fc = nn.Linear(head_width, self.spec["outputs"])
        self.last_attention = None

    def forward(self, x):
        """x (B, T, I) -> predictions (B, O); attention weights (B, T) land in last_attention."""
        if x.dim() != 3 or x.size(2) != self.spec["features"]:
            raise ValueError(f"input shape {tuple(x.shape)} is not (batch, seq_len, "
                             f"{self.spec['features']})")
        recurrent = getattr(self, self.recurrent_name)
        if self.uniform:
            out, _ = recurrent(x)                                       # (B, T, D)
        else:
            out = x
            for k, layer in enumerate(recurrent):
                out, _ = layer(out)                                     # (B, T, H_k * directions)
                if k + 1 < len(recurrent):
                    out = self.inter_layer_dropout(out)
        last = out[:, -1, :]                                            # (B, D)
        if self.attention is None:
            self.last_attention = None
            return self.fc(last)
        context, weights = self.attention(last, out)
        self.last_attention = weights.detach()
        return self.fc(torch.cat([last, context], dim=1))               # (B, 2D) -> (B, O)


def build_model(spec):
    """The nn.Module of a spec dict; parameters initialised by PyTorch in the default dtype."""
    return LstmLabModel(spec)


# ---------------------------------------------------------------------------------------------
# Checkpoints: model tensors under their state_dict names, Adam moments under "optimizer.*",
# metadata "format" = "lstmlab-checkpoint", "version", "model" (spec JSON), and more LSTM Lab keys.
# ---------------------------------------------------------------------------------------------

CHECKPOINT_FORMAT = "lstmlab-checkpoint"
CHECKPOINT_VERSION = "1"
OPTIMIZER_PREFIX = "optimizer."
BEST_PREFIX = "best."   # best-so-far weights kept in the checkpoint of an unfinished run


def load_checkpoint(path):
    """Builds the model a checkpoint describes and loads its weights (strict); returns
    (model, metadata). The model takes the dtype of the stored weights and is in eval mode, so
    predictions are deterministic (dropout off); call model.train() to fine-tune it."""
    tensors, metadata = read_safetensors(path)
    if metadata.get("format") != CHECKPOINT_FORMAT:
        raise ValueError(f"{path}: metadata format is {metadata.get('format')!r}, "
                         f"not {CHECKPOINT_FORMAT!r}")
    if "model" not in metadata:
        raise ValueError(f"{path}: the metadata has no 'model' spec")
    model = build_model(spec_from_json(metadata["model"]))
    state = {name: torch.from_numpy(array) for name, array in tensors.items()
             if not name.startswith((OPTIMIZER_PREFIX, BEST_PREFIX))}
    dtypes = {tensor.dtype for tensor in state.values()}
    if len(dtypes) == 1:
        model.to(dtypes.pop())
    model.load_state_dict(state, strict=True)
    return model.eval(), metadata


def save_checkpoint(path, model, metadata=None):
    """Writes a model's weights as an LSTM Lab checkpoint (no optimizer state); `metadata` adds keys.

    The weights keep the model's dtype: LSTM Lab converts F64 (model.double()) and BF16 weights to
    F32 on load and says so in a note. Such a file is MODEL-ONLY: LSTM Lab checks and loads its
    weights, but it cannot resume training (no optimizer state, no "train" metadata) and, unless
    `metadata` holds a "data" entry, it cannot predict or evaluate either, because only the "data"
    metadata (columns, transforms, scaler statistics, window length, horizon, split) tells it how to
    turn a CSV into the model's input. To use PyTorch-trained weights in LSTM Lab, train the same
    architecture on the same columns in LSTM Lab once and copy that checkpoint's "data" entry (the
    PyTorch model must have been fed inputs scaled with those statistics):
        _, lab = load_checkpoint("lab.safetensors")
        save_checkpoint("torch.safetensors", model, {"data": lab["data"]})
    """
    header = {"format": CHECKPOINT_FORMAT, "version": CHECKPOINT_VERSION,
              "model": spec_to_json(model.spec)}
    header.update(metadata or {})
    write_safetensors(path, model.state_dict(), header)
