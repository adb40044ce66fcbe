"""Splitting a content file into its YAML header and Markdown body.

The YAML is read with every scalar kept as text (no YAML 1.1 guessing: `no`
stays "no", `2014-02-30` reaches our date converter instead of crashing PyYAML,
`08` is not an octal number), and with the line of every key and list item,
so that each problem names its line in the file.
"""

from dataclasses import dataclass, field

import yaml

from .problems import Invalid

_NULL = "tag:yaml.org,2002:null"


# libyaml's parser when PyYAML has it (its wheels do): the same events and marks, ten times faster
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextLoader(_Base):
    """SafeLoader that resolves only null; every other plain scalar is a string."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == _NULL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class FrontMatter:
    data: dict
    lines: dict[str, int]  # key -> line in the file
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # key -> line of each list item
    nested_lines: dict[str, dict[str, int]] = field(default_factory=dict)  # key -> line of each nested key
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    body: str = ""
    body_line: int = 1


_YAML_HINTS = [
    (
        "mapping values are not allowed",
        "có dấu hai chấm (:) ở chỗ không được phép",
        'Giá trị có dấu hai chấm phải đặt trong dấu nháy kép, ví dụ: title: "Quảng Trị: Tăng cường sử dụng văn bản điện tử"',
    ),
    ("found character '\\t'", "có ký tự Tab", "Thụt lề bằng dấu cách, không dùng phím Tab."),
    (
        "while scanning a quoted scalar",
        "thiếu dấu nháy đóng",
        'Mỗi dấu nháy mở phải có dấu nháy đóng trên cùng dòng, ví dụ: title: "Kế hoạch năm 2024"',
    ),
    (
        "could not find expected ':'",
        "thiếu dấu hai chấm sau tên trường",
        "Mỗi dòng viết theo dạng tên_trường: giá trị, ví dụ: author: Lâm Cao",
    ),
    (
        "expected <block end>",
        "thụt lề không đều",
        "Các trường ở phần đầu viết sát lề trái; các mục của danh sách thụt vào như nhau, ví dụ:\ntags:\n  - văn bản điện tử\n  - chữ ký số",
    ),
    (
        "while parsing a flow",
        "danh sách hoặc nhóm trong ngoặc chưa đóng",
        "Danh sách trong ngoặc vuông phải đóng ngoặc trên cùng dòng, ví dụ: tags: [văn bản điện tử, chữ ký số]",
    ),
]


def _explain_yaml_error(error: yaml.YAMLError, yaml_text: str = "") -> tuple[str, str]:
    text = str(error)
    mark = getattr(error, "problem_mark", None)
    if mark is not None:  # libyaml does not name the tab it stopped at: look at the character
        lines = yaml_text.splitlines()
        if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
            text = "found character '\\t'"
    for needle, message, hint in _YAML_HINTS:
        if needle in text:
            return message, hint
    problem = getattr(error, "problem", None) or text.splitlines()[0]
    return (
        f"viết sai cú pháp ({problem})",
        "Kiểm tra dấu hai chấm, dấu nháy và thụt lề ở dòng này, hoặc chép lại từ tệp mẫu trong README.",
    )


def split(text: str) -> tuple[str, str, int]:
    """(yaml_text, body, first line of the body) of a file's text; Invalid if there is no header."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise Invalid(
            "tệp không bắt đầu bằng phần đầu YAML.",
            'Dòng đầu tiên của tệp phải là "---", tiếp theo là các trường (title: ..., date: ...), '
            'rồi một dòng "---" trước nội dung.',
            line=1,
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise Invalid(
        'phần đầu YAML chưa có dòng "---" để đóng lại.',
        'Thêm một dòng chỉ có "---" sau trường cuối cùng, trước nội dung bài.',
        line=1,
    )


def parse(text: str) -> FrontMatter:
    """The header's values and the line of each key; Invalid for broken YAML."""
    yaml_text, body, body_line = split(text)
    front = parse_mapping(yaml_text, first_line=2)
    front.body, front.body_line = body, body_line
    return front


_PLAIN_TAGS = {"!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
MAX_DEPTH = 5  # a header is a mapping of lists of mappings at most; deeper is a mistake or an attack


def _check_shape(yaml_text: str, offset: int, what: str) -> None:
    """Refuse what plain text never needs, before anything is built from it.

    Read as a stream of events (libyaml's parser keeps its own stack; building nested
    values is recursive and crashes the process on 30,000 nested brackets): nesting deeper
    than MAX_DEPTH, explicit YAML types (`!!binary`, `!!set`, `!!python/...`) and anchors or
    aliases (`&a`, `*a`, which can multiply a short header into millions of values).
    """
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=_Base):
            line = event.start_mark.line + offset
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise Invalid(
                        f"{what} có danh sách lồng nhau quá sâu (quá {MAX_DEPTH} tầng ngoặc hoặc thụt lề).",
                        "Mỗi trường là một giá trị hoặc một danh sách, ví dụ: tags: [văn bản điện tử, chữ ký số]",
                        line=line,
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise Invalid(
                    f"{what} dùng ký hiệu & hoặc * của YAML (tham chiếu), cổng không nhận.",
                    "Viết đầy đủ giá trị ở từng trường, không dùng &tên và *tên.",
                    line=line,
                )
            tag = getattr(event, "tag", None)
            if tag and tag not in _PLAIN_TAGS and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]):
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise Invalid(
                    f'{what} ghi kiểu dữ liệu YAML "{shown}", cổng chỉ nhận chữ, số, ngày và danh sách.',
                    "Bỏ phần bắt đầu bằng !! (ví dụ !!binary, !!set) và viết giá trị bằng chữ, "
                    "ví dụ: tags: [văn bản điện tử, chữ ký số]",
                    line=line,
                )
    except yaml.YAMLError:
        return  # the loader below reports the syntax error with its explanation


def parse_mapping(yaml_text: str, first_line: int = 1, what: str = "phần đầu YAML") -> FrontMatter:
    """A YAML mapping (a header, or a whole .yml file whose first line is `first_line`)."""
    offset = first_line
    _check_shape(yaml_text, offset, what)
    loader = _TextLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise Invalid(f"{what} đang để trống.", "Viết ít nhất tiêu đề, ví dụ: title: Giới thiệu", line=offset)
        if not isinstance(node, yaml.MappingNode):
            raise Invalid(
                f"{what} phải là các dòng tên_trường: giá trị.",
                "Ví dụ:\ntitle: Giới thiệu\ndate: 2024-01-15",
                line=node.start_mark.line + offset,
            )
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        message, hint = _explain_yaml_error(error, yaml_text)
        raise Invalid(f"{what} {message}.", hint, line=(mark.line + offset) if mark else offset) from None
    finally:
        loader.dispose()

    front = FrontMatter(data={}, lines={})
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + offset
        if key in front.lines:
            front.duplicates.append((key, line))
        front.lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            front.item_lines[key] = [item.start_mark.line + offset for item in value_node.value]
        elif isinstance(value_node, yaml.MappingNode):
            front.nested_lines[key] = {str(k.value): k.start_mark.line + offset for k, _ in value_node.value}
    front.data = {str(k): v for k, v in data.items()}
    return front
