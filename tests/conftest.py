import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VNTASKS_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = Path(os.environ.get("VNTASKS_CORPUS", SHARED / "corpus" / "raw"))
RAW = ROOT / "data" / "raw"
ANNOTATED = ROOT / "data" / "annotated"


def missing(why: str) -> None:
    """Skip a test whose shared data is absent on a developer's machine; in CI (``CI`` set), where
    ``../shared`` is always laid beside the clone, fail instead: a silent skip would hide a regression."""
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="session")
def seed_dir():
    if not SEEDS.is_dir():
        missing(f"shared seeds not found at {SEEDS} (set VNTASKS_SHARED)")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_dir():
    if not CORPUS.is_dir():
        missing(f"shared corpus not found at {CORPUS} (set VNTASKS_CORPUS)")
    return CORPUS


@pytest.fixture(autouse=True)
def _rules_alone(request):
    """Unit tests check the rules; the shipped classifier is used only by tests marked `model`."""
    if request.node.get_closest_marker("model"):
        yield
        return
    from pipeline.learn.classifier import use_classifier
    with use_classifier(None):
        yield


def pytest_configure(config):
    config.addinivalue_line("markers", "model: run with the shipped segment classifier (models/)")


# --------------------------------------------------------------------------- PostgreSQL

def _pg_bindir():
    import glob
    import shutil
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name)
                  if Path(d).parent.name.isdigit() else 0)
    return Path(dirs[-1]) if dirs and (Path(dirs[-1]) / "initdb").exists() else None


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL server on 127.0.0.1 (a free port), data in a temp folder, stopped
    at the end; yields a function giving the URL of a new empty database. Started as the
    ``postgres`` user when the tests run as root (PostgreSQL refuses root). Missing binaries
    (Debian's ``postgresql``, installed by scripts/setup.sh): skipped, but fail under CI."""
    import shutil
    import socket
    import subprocess
    import tempfile
    import uuid
    try:
        import psycopg
    except ImportError:
        missing("psycopg is not installed (pip install 'psycopg[binary]')")
    bindir = _pg_bindir()
    if bindir is None:
        missing("PostgreSQL binaries not found (apt-get install postgresql — scripts/setup.sh does)")
    run_as: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="vntasks-pg-"))
    if os.geteuid() == 0:
        import pwd
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            missing("running as root and there is no 'postgres' user to run the server as")
        os.chown(base, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    data = base / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def pg(*args, check=True):
        return subprocess.run(run_as + [str(bindir / args[0]), *args[1:]], check=check, capture_output=True, text=True)
    try:
        pg("initdb", "-D", str(data), "-A", "trust", "-U", "vntasks", "-E", "UTF8", "--no-locale", "--no-sync")
        pg("pg_ctl", "-D", str(data), "-l", str(base / "log"), "-w", "-t", "60", "-o",
           f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off -c full_page_writes=off", "start")
    except subprocess.CalledProcessError as exc:
        log = (base / "log").read_text(errors="replace") if (base / "log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {exc.stderr or exc.stdout}\n{log[-2000:]}")
    root = f"postgresql://vntasks@127.0.0.1:{port}"

    def new_db() -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"{root}/postgres", autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return f"{root}/{name}"
    try:
        yield new_db
    finally:
        pg("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(base, ignore_errors=True)
