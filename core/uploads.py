"""What an uploaded evidence file may be: its extension, its MIME type and the bytes such a file starts with, so a
renamed executable or a mislabelled file is refused. Each app keeps its own messages and its own choice of types."""

# Office formats are ZIP (OOXML, ODF) or OLE (old Word/Excel).
ZIP, OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0",)

# extension (lower case, without dot) → (MIME type, accepted leading bytes)
FILE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", ZIP),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    "doc": ("application/msword", OLE),
    "xls": ("application/vnd.ms-excel", OLE),
}

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def content_matches(upload, extension: str) -> bool:
    """True when the file starts with the bytes its extension promises. Leaves the file at its start."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return any(head.startswith(signature) for signature in FILE_TYPES[extension][1])
