import sys

import pytest

from bulk.allocator import keep_freed_memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_the_allocator_keeps_freed_memory_for_reuse_on_linux():
    assert keep_freed_memory() is True
