"""No orphans (issue 17): a child started through calckg.lifeline ends when its parent is killed with SIGKILL,
where no cleanup code of the parent runs. Each test starts a parent process, kills it, and polls (bounded, never
timed) until the children are gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from calckg.lifeline import die_with_parent

SRC = Path(__file__).resolve().parents[1] / "src"


def _gone(pid: int) -> bool:
    """Exited (a zombie waiting for init to reap it counts: it runs nothing)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except FileNotFoundError:
        return True


def _wait_for(condition, what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"still waiting after {seconds} s for {what}")


def _start_parent(tmp_path: Path, body: str) -> tuple[subprocess.Popen[bytes], Path]:
    """A parent process running `body` (a script file, so spawned workers can import it); it writes the pids of
    its children, one a line, to `pids.txt` once they run."""
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    pids = tmp_path / "pids.txt"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, str(script), str(pids)], env=env,
                               preexec_fn=die_with_parent())  # noqa: PLW1509 - never outlives the test either
    return process, pids


def _kill_and_wait(process: subprocess.Popen[bytes], pids: Path, expected: int) -> list[int]:
    _wait_for(lambda: pids.is_file() and len(pids.read_text().split()) == expected, f"{expected} children")
    children = [int(pid) for pid in pids.read_text().split()]
    assert not any(_gone(pid) for pid in children)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _wait_for(lambda: all(_gone(pid) for pid in children), "the children to end after their parent was killed")
    return children


def test_a_program_dies_with_its_parent(tmp_path: Path) -> None:
    process, pids = _start_parent(tmp_path, """
        import subprocess, sys, time
        from pathlib import Path
        from calckg.lifeline import die_with_parent
        child = subprocess.Popen(["sleep", "600"], preexec_fn=die_with_parent())
        Path(sys.argv[1]).write_text(f"{child.pid}\\n")
        time.sleep(600)
    """)
    assert len(_kill_and_wait(process, pids, 1)) == 1


def test_article_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    """The pool of calckg.workers (what a build or the benchmark's build stage runs): both workers end."""
    process, pids = _start_parent(tmp_path, """
        import os, sys, time
        from calckg.workers import run_in_workers

        def start(path):
            global PIDS
            PIDS = path

        def task(batch):
            with open(PIDS, "a") as out:
                out.write(f"{os.getpid()}\\n")
            time.sleep(600)
            return batch

        if __name__ == "__main__":
            run_in_workers(task, [[1], [2]], initializer=start, initargs=(sys.argv[1],))
    """)
    assert len(set(_kill_and_wait(process, pids, 2))) == 2


def test_the_reasoner_worker_and_its_group_die_with_calckg(tmp_path: Path) -> None:
    """The HermiT worker gets SIGTERM and ends its own process group (where the JVM runs): a grandchild that is
    not Python (`sleep`, standing in for the JVM, which owlready2 starts without calckg's help) ends too."""
    process, pids = _start_parent(tmp_path, """
        import signal, subprocess, sys, time
        from calckg.lifeline import die_with_parent
        # the worker's own set-up (calckg.reason_worker.main), then a stand-in for the JVM in its group
        code = ("import os, subprocess, sys, time; import calckg.reason_worker as w; w.end_group_on_sigterm(); "
                "jvm = subprocess.Popen(['sleep', '600']); "
                "open(sys.argv[1], 'a').write(f'{os.getpid()} {jvm.pid} '); time.sleep(600)")
        subprocess.Popen([sys.executable, "-c", code, sys.argv[1]], start_new_session=True,
                         preexec_fn=die_with_parent(signal.SIGTERM))
        time.sleep(600)
    """)
    assert len(_kill_and_wait(process, pids, 2)) == 2
