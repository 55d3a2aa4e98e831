"""Reading a tagged PDF back as a screen reader would, with pypdf alone: the structure tree in
order, each element with the text drawn inside it, and where on each page the text (not the
page furniture that Typst marks as artifacts) ends."""

from __future__ import annotations

from pypdf import PdfReader


def _walk_page(page, on_text):
    """Call on_text(mcid or None, in_artifact, text, y) for each piece of text drawn on the page."""
    stack = []  # one entry per open marked-content sequence: (mcid, is_artifact)

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            tag, properties = operands[0], operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if hasattr(properties, "get") else None
            stack.append((mcid, tag == "/Artifact"))
        elif operator == b"BMC":
            stack.append((None, operands[0] == "/Artifact"))
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value, cm, tm, font, size):
        if not value.strip():
            return
        mcid = next((m for m, _ in reversed(stack) if m is not None), None)
        artifact = any(a for _, a in stack)
        on_text(mcid, artifact, value, cm[5] + tm[5] * cm[3])

    page.extract_text(visitor_operand_before=before, visitor_text=text)


def marked_text(reader: PdfReader) -> dict[tuple[int, int], str]:
    """(page index, marked-content id) -> the text drawn in that marked-content sequence."""
    texts: dict[tuple[int, int], str] = {}
    for index, page in enumerate(reader.pages):
        def collect(mcid, artifact, value, y, index=index):
            if mcid is not None and not artifact:
                texts[(index, int(mcid))] = texts.get((index, int(mcid)), "") + value
        _walk_page(page, collect)
    return texts


def reading_order(reader: PdfReader) -> list[tuple[str, str]]:
    """The structure tree walked in its order: (structure type such as '/H2', its text) for
    every element, each element after its children (so a heading comes with its words)."""
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    texts = marked_text(reader)
    found: list[tuple[str, str]] = []

    def walk(node, page):
        node = node.get_object()
        if isinstance(node, int):  # a marked-content id on the element's page
            return texts.get((page, int(node)), "")
        if not hasattr(node, "get"):
            return ""
        if "/Pg" in node:
            page = pages[node.raw_get("/Pg").idnum]
        if node.get("/Type") == "/MCR":
            return texts.get((page, int(node["/MCID"])), "")
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else ([] if kids is None else [kids])
        own = " ".join(walk(kid, page) for kid in kids)
        if "/S" in node:
            found.append((str(node["/S"]), " ".join(own.split())))
        return own

    walk(reader.trailer["/Root"]["/StructTreeRoot"], None)
    return found


def text_in_order(reader: PdfReader) -> str:
    """All the tagged text, in the structure tree's order (the document element holds it all)."""
    return next(text for kind, text in reading_order(reader) if kind == "/Document")


def lowest_text(reader: PdfReader) -> list[float]:
    """For each page, the height from the page's foot of its lowest line of content (text
    outside artifacts: not the running footer), in points."""
    lowest = []
    for page in reader.pages:
        heights = []
        _walk_page(page, lambda mcid, artifact, value, y: heights.append(y) if not artifact else None)
        lowest.append(min(heights) - float(page.mediabox.bottom) if heights else float(page.mediabox.height))
    return lowest
