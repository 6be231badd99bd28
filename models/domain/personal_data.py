"""Which fields of an application are personal data, and how each is masked or anonymised.

One place for the list: the audit log stores these fields masked only, the ledger export can mask names and
addresses for lists that leave the office, and retention replaces them with `ANONYMISED`. The number masks
themselves are in `models.domain.identity`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from models.domain.identity import ANONYMISED, mask_id, mask_name, mask_phone

HIDDEN = "***"

#: 行政区划 suffixes: an address keeps its leading place names up to the last of these (青山县白鹤镇****).
_PLACE_SUFFIXES = ("省", "自治区", "市", "州", "盟", "县", "区", "旗", "镇", "乡", "街道")
_PLACE_PREFIX_MAX = 15


def mask_address(address: str) -> str:
    """The place names at the start (up to the township: 青山县白鹤镇) kept, the rest as ****; "" stays ""."""
    text = address.strip()
    if not text:
        return ""
    head = text[:_PLACE_PREFIX_MAX]
    cut = max((head.rfind(s) + len(s) for s in _PLACE_SUFFIXES if s in head), default=0)
    if cut >= len(text):  # nothing after the place names: hide the last part anyway
        cut = max(0, len(text) - 2)
    return text[:cut] + "****"


def _hide(value: str) -> str:
    return HIDDEN if value.strip() else ""


#: application column → (Chinese label, mask used in the audit log)
PERSONAL_COLUMNS: dict[str, tuple[str, Callable[[str], str]]] = {
    "applicant_name": ("申请人", mask_name),
    "id_number": ("证件号码", mask_id),
    "phone": ("联系电话", mask_phone),
    "address": ("通信地址", _hide),
    "postcode": ("邮编", _hide),
    "email": ("电子邮箱", _hide),
}
_MASK_BY_LABEL = {label: mask for label, mask in PERSONAL_COLUMNS.values()}


def mask_column(column: str, value: Any) -> Any:
    """The value of an application column as the audit log may hold it (personal fields masked)."""
    if column in PERSONAL_COLUMNS and isinstance(value, str) and value != ANONYMISED:
        return PERSONAL_COLUMNS[column][1](value)
    return value


def mask_event_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """An event's data with the old and new personal values of 修改登记信息 (`changes`, keyed by label) masked."""
    out = dict(data)
    changes = out.get("changes")
    if isinstance(changes, dict):
        out["changes"] = {
            label: (
                {k: (v if v == ANONYMISED else _MASK_BY_LABEL[label](str(v or ""))) for k, v in change.items()}
                if label in _MASK_BY_LABEL and isinstance(change, dict)
                else change
            )
            for label, change in changes.items()
        }
    return out


def anonymise_event_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """An event's data with every personal value in `changes` replaced by `ANONYMISED` (empty stays empty)."""
    out = dict(data)
    changes = out.get("changes")
    if isinstance(changes, dict):
        out["changes"] = {
            label: (
                {k: (ANONYMISED if v else v) for k, v in change.items()}
                if label in _MASK_BY_LABEL and isinstance(change, dict)
                else change
            )
            for label, change in changes.items()
        }
    return out
