"""`make lab` as an analyst uses it: JupyterLab starts on notebooks/ (as root too), lists
the study's notebooks through its API, and runs one top to bottom in its own kernel."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("jupyterlab", reason="JupyterLab is the `lab` extra (make install has it)")
pytestmark = pytest.mark.e2e
TOKEN = uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(port: int, path: str, method: str = "GET", body: dict | None = None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/{path}", method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return json.loads(response.read() or b"null")


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotetrail.cli", "lab", "--port", str(port), "--ip",
         "127.0.0.1", "--no-browser", f"--IdentityProvider.token={TOKEN}",
         "--ServerApp.port_retries=0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"JupyterLab exited: {proc.stdout.read()}")
        try:
            _api(port, "status")
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.terminate()
        pytest.fail(f"JupyterLab did not answer: {proc.communicate(timeout=10)[0]}")
    yield port, proc
    proc.terminate()  # the process is JupyterLab itself: nothing is left behind
    proc.wait(timeout=30)
    with pytest.raises(OSError):
        _api(port, "status")


def test_the_server_lists_the_study_notebooks(server):
    port, _ = server
    names = sorted(item["name"] for item in _api(port, "contents")["content"])
    assert [n for n in names if n.endswith(".ipynb")] == [
        "01_ingest.ipynb", "02_quote_alignment.ipynb", "03_timeline.ipynb",
        "04_findings.ipynb"]


async def _execute(port: int, kernel_id: str, code: str, timeout: float = 120) -> dict:
    """Run ``code`` in the server's kernel over its websocket; the execute_reply content."""
    from tornado.websocket import websocket_connect

    ws = await websocket_connect(
        f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={TOKEN}")
    msg_id = uuid.uuid4().hex
    await ws.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex,
                   "msg_type": "execute_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
    errors = []
    try:
        while True:
            raw = await asyncio.wait_for(ws.read_message(), timeout)
            if raw is None:
                raise AssertionError("the kernel's websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                errors.append("\n".join(msg["content"]["traceback"]))
            if msg["msg_type"] == "execute_reply":
                return {**msg["content"], "errors": errors}
    finally:
        ws.close()


def test_a_notebook_runs_top_to_bottom_in_the_servers_kernel(server, tmp_path):
    port, _ = server
    notebook = _api(port, "contents/01_ingest.ipynb")["content"]
    session = _api(port, "sessions", "POST", {"path": "01_ingest.ipynb", "type": "notebook",
                                               "name": "01_ingest.ipynb",
                                               "kernel": {"name": "python3"}})
    kernel_id = session["kernel"]["id"]
    try:
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            code = cell["source"]
            if "parameters" in cell["metadata"].get("tags", []):  # as papermill would
                code += f"\nprocessed_dir = {str(tmp_path)!r}"
            reply = asyncio.run(_execute(port, kernel_id, code))
            assert reply["status"] == "ok", reply["errors"]
    finally:
        _api(port, f"sessions/{session['id']}", "DELETE")
    assert (tmp_path / "documents.parquet").is_file()
    assert (tmp_path / "rejected.parquet").is_file()


def test_as_root_it_says_why_it_allows_root():
    from quotetrail.lab import lab_command

    args = lab_command(ROOT, port=9999, browser=False)
    assert f"--ServerApp.root_dir={ROOT / 'notebooks'}" in args
    assert ("--allow-root" in args) == (os.geteuid() == 0)
    assert Path(args[0]).name.startswith("python")
