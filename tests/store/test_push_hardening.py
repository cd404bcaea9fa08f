"""Remote requests never follow a redirect (issue 17 item 15): credentials stay with the endpoint the user named,
and a POST never silently becomes a GET."""

from __future__ import annotations

import pytest
from calckg.errors import StoreError
from calckg.store.http import PASSWORD_VARIABLE, USER_VARIABLE, Endpoint
from calckg.store.sparql import RemoteStore


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_reported_not_followed(status: int, stub_server, monkeypatch) -> None:
    elsewhere = stub_server(lambda seen: (200, "application/sparql-results+json", b"{}"))
    target = f"http://localhost:{elsewhere.url.rsplit(':', 1)[1]}/query"
    stub = stub_server(lambda seen: (status, "text/plain", b"", {"Location": target}))
    monkeypatch.setenv(USER_VARIABLE, "editor")
    monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret")
    endpoint = Endpoint.from_url(stub.url + "/query", timeout=5.0, retries=0)
    store = RemoteStore(endpoint)
    with pytest.raises(StoreError) as caught:
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert str(caught.value) == (
        f"SELECT query failed: {stub.url}/query answered HTTP {status}: redirected to {target}; calckg does not "
        "follow redirects (they could carry credentials to another host or turn a POST into a GET): use that URL")
    with pytest.raises(StoreError, match=f"answered HTTP {status}: redirected to"):
        store.update("DROP SILENT GRAPH <urn:x>", idempotent=True)
    assert elsewhere.requests == []
    assert [seen.method for seen in stub.requests] == ["POST", "POST"]
