"""API objects with snake_case attributes over the API's camelCase JSON (intent.total_amount <- totalAmount)."""
import re

_CAMEL_BOUNDARY = re.compile(r"_([a-z0-9])")
_SNAKE_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")


def to_camel(name):
    return _CAMEL_BOUNDARY.sub(lambda m: m.group(1).upper(), name)


def to_snake(name):
    return _SNAKE_BOUNDARY.sub("_", name).lower()


def camel_dict(values):
    """Drops None values, so optional arguments left out are not sent."""
    return {to_camel(k): v for k, v in values.items() if v is not None}


class ApiObject:
    """Read-only view of one JSON object. Fields the API omitted read as None when listed in _optional."""

    _optional = ()
    _aliases = {}

    def __init__(self, data):
        object.__setattr__(self, "_data", dict(data))

    def __getattr__(self, name):
        data = object.__getattribute__(self, "_data")
        camel = type(self)._aliases.get(name) or to_camel(name)
        if camel in data:
            return data[camel]
        if name in data:
            return data[name]
        if name in type(self)._optional:
            return None
        raise AttributeError("%s has no field %r" % (type(self).__name__, name))

    def __setattr__(self, name, value):
        raise AttributeError("%s is read-only" % type(self).__name__)

    def __getitem__(self, key):
        return self._data[key]

    def __eq__(self, other):
        return isinstance(other, ApiObject) and self._data == other._data

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self._data)

    def to_dict(self):
        """The object as the API sent it (camelCase keys)."""
        return dict(self._data)


class Intent(ApiObject):
    _optional = (
        "remarks", "status_message", "failure_code", "failure_reason", "order_id", "tracking_number",
        "tracking_company", "submitted_at", "completed_at", "cancelled_at",
    )


class BatchItemResult(ApiObject):
    """One result of create_many per input, in input order. .ok is True with .id and .intent (the created intent)
    when created; otherwise .code is the single create's error code, with .message and .errors (field list)."""

    _optional = ("id", "intent", "message", "errors")

    def __init__(self, data, offset=0):
        data = dict(data)
        data["index"] = offset + data.get("index", 0)
        if isinstance(data.get("intent"), dict):
            data["intent"] = Intent(data["intent"])
        super().__init__(data)

    @property
    def ok(self):
        return self.code == 0


class IntentEvent(ApiObject):
    """One status change: .actor, .from_status (None for the creation), .to_status (also .status), .at."""

    _optional = ("from_status", "from_")
    _aliases = {"from_status": "from", "from_": "from", "to_status": "to", "status": "to"}


class IntentList:
    """One page of intents. `.data` is the page itself, so `page.data.items` works like `page.items`."""

    def __init__(self, data):
        self.items = [Intent(item) for item in data.get("items", [])]
        self.total = data.get("total", 0)
        self.page = data.get("page", 1)
        self.page_size = data.get("pageSize", len(self.items))
        self.total_pages = data.get("totalPages", 0)
        self.next_cursor = data.get("nextCursor")

    @property
    def data(self):
        return self

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __repr__(self):
        return "IntentList(total=%r, page=%r, page_size=%r, total_pages=%r, items=%d)" % (
            self.total, self.page, self.page_size, self.total_pages, len(self.items))
