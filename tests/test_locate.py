"""``document.locate`` gives what its plain definition gives (issue 14: speed): the earlier
implementation, kept here as the reference, against the package's on any block, segments and range."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov_lint.document import Block, Document, Location, Segment, locate


def _line_col(block: Block, offset: int, fmt: str, seg: Segment | None = None) -> tuple[int, int]:
    seg = block.segment_at(offset) if seg is None else seg
    if fmt in ("txt", "md") and seg.line is not None:
        return seg.line, seg.column + (offset - seg.start)
    return block.index, offset + 1


def locate_reference(doc: Document, block: Block, start: int, end: int) -> Location:
    if not (0 <= start <= end <= len(block.text)):
        raise ValueError(f"range {start}:{end} outside block {block.index} of length {len(block.text)}")
    seg = block.segment_at(start)
    line, column = _line_col(block, start, doc.format, seg)
    last = max(start, end - 1)
    end_line, end_col = _line_col(block, last, doc.format, seg if last == start else None)
    end_column = end_col + (1 if end > start else 0)
    page_line = None
    if seg.page is not None and seg.page_line is not None:
        page_line = seg.page_line
    return Location(block=block.index, line=line, column=column, end_line=end_line, end_column=end_column,
                    page=seg.page, page_line=page_line, table=block.table, row=block.row, col=block.col,
                    offset=start, length=end - start)


small = st.integers(min_value=1, max_value=40)
maybe = st.none() | small
segments = st.lists(st.builds(Segment, st.integers(min_value=0, max_value=30), maybe, small, maybe, maybe), max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["docx", "pdf", "html", "txt", "md"]), st.text(max_size=30), segments,
       maybe, maybe, maybe, st.integers(min_value=0, max_value=35), st.integers(min_value=0, max_value=35))
def test_locate_is_its_definition(fmt, text, segs, table, row, col, a, b):
    segs = sorted(segs, key=lambda s: s.start)
    block = Block(index=3, text=text, segments=segs, table=table, row=row, col=col)
    doc = Document(path="r", format=fmt, blocks=[block])
    start, end = min(a, b), max(a, b)
    try:
        expected = locate_reference(doc, block, start, end)
    except ValueError as e:
        with pytest.raises(ValueError, match=str(e).replace("(", r"\(")):
            locate(doc, block, start, end)
        return
    got = locate(doc, block, start, end)
    assert got == expected
    assert [type(v) for v in got.as_dict().values()] == [type(v) for v in expected.as_dict().values()]
