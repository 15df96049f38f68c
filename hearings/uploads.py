"""Public uploads stay in memory, bounded, until they pass the checks: nothing reaches the disk first.

Django's default handlers stream any upload over ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary
file while the request body is parsed, before a view can refuse it (a rate-limited, invalid or
oversized post still cost a file on disk). On public (non-admin) pages this handler replaces
them: file data is kept in memory up to the attachment limit, counted across every file part of
the request, and anything beyond it is dropped while the size is still reported, so the form can
say "too large". Files are written to storage only by the response service, after the checks.
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from .attachments import MAX_ATTACHMENT_BYTES


class BoundedMemoryUploadHandler(FileUploadHandler):
    """Keep uploads in memory, at most ``limit`` bytes in all; report oversized files empty."""

    def __init__(self, request=None, limit: int = MAX_ATTACHMENT_BYTES):
        super().__init__(request)
        self.limit = limit
        self.kept = 0  # bytes held in memory for this request, all files together

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.received = 0
        self.overflow = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if not self.overflow and self.kept + len(raw_data) <= self.limit:
            self.buffer.write(raw_data)
            self.kept += len(raw_data)
        elif not self.overflow:
            self.overflow = True
            self.kept -= self.buffer.tell()
            self.buffer = io.BytesIO()  # drop what was kept: the file is refused anyway
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        # An oversized file arrives empty but with its real size, so the form's size check
        # (``attachment_inspect``) refuses it with the usual message.
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received if self.overflow else file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


class PublicUploadLimitMiddleware:
    """Install ``BoundedMemoryUploadHandler`` on public posts, before anything reads the body.

    Must come before ``CsrfViewMiddleware``, which reads ``request.POST``. The admin keeps
    Django's handlers (editors upload large documents and images there).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not request.path.startswith("/admin/"):
            request.upload_handlers = [BoundedMemoryUploadHandler(request)]
        return self.get_response(request)
