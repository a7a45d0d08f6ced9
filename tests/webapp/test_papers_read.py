"""The accessible copy of the papers: the same text as the PDFs, on a web page."""

from __future__ import annotations

from .conftest import DEFAULT_ANSWERS
from .test_papers import APPLICANT


def test_papers_can_be_read_on_a_web_page(client, flow):
    flow.person()
    flow.conviction(0, DEFAULT_ANSWERS)
    assert client.get("/papers/read").headers["Location"] == "/papers/ready"  # no details yet
    client.post("/papers/?lang=es",
                data={**APPLICANT, "name": "محمد <b>Ali</b>", "record_name": "MUHAMMAD ALI"})
    ready = client.get("/papers/ready").get_data(as_text=True)
    assert 'href="/papers/read"' in ready
    page = client.get("/papers/read")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'lang="es"' in html and "<h2" in html and "<ul>" in html
    assert "Sus próximos pasos" in html or "próximos pasos" in html
    # the name as typed, in its own script, and escaped
    assert "محمد &lt;b&gt;Ali&lt;/b&gt;" in html and "<b>Ali</b>" not in html
