"""Provides two real Syncthing instances on 127.0.0.1 sharing one folder, for the end-to-end test.

Each instance has its own home (keys, config, database) and its own ports; the
configs are written here, naming each other's device and address and the one
shared folder, with discovery, relays, NAT, usage reports and upgrades off, so
nothing leaves the machine. `syncthing_pair` stops both however the test ends.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

FOLDER_ID = "evenside"
START_TIMEOUT_S = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Instance:
    """One Syncthing: its home, ports, device id and the folder it shares."""

    home: Path
    folder: Path
    port: int
    gui_port: int
    api_key: str
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "HOME": str(self.home), "STNOUPGRADE": "1", "STNORESTART": "1"}

    def rest(self, path: str) -> object:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", headers={"X-API-Key": self.api_key}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def log(self) -> str:
        try:
            return (self.home / "syncthing.log").read_text(errors="replace")[-4000:]
        except OSError:
            return ""


def _generate(instance: Instance) -> None:
    result = subprocess.run(
        ["syncthing", "generate", f"--home={instance.home}", "--no-default-folder"],
        capture_output=True,
        text=True,
        timeout=60,
        env=instance.env,
        check=True,
    )
    found = re.search(r"Device ID: (\S+)", result.stdout + result.stderr)
    assert found is not None, result.stdout + result.stderr
    instance.device_id = found.group(1)


def _config(me: Instance, peer: Instance) -> str:
    def device(instance: Instance, name: str) -> str:
        return (
            f"<device id={quoteattr(instance.device_id)} name={quoteattr(name)} "
            'compression="metadata" introducer="false">'
            f"<address>tcp://127.0.0.1:{instance.port}</address></device>"
        )

    return f"""<configuration version="36">
    <folder id="{FOLDER_ID}" label="evenside" path={quoteattr(str(me.folder))} type="sendreceive"
        rescanIntervalS="10" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false">
        <device id={quoteattr(me.device_id)}></device>
        <device id={quoteattr(peer.device_id)}></device>
    </folder>
    {device(me, "me")}
    {device(peer, "peer")}
    <gui enabled="true" tls="false"><address>127.0.0.1:{me.gui_port}</address>
        <apikey>{me.api_key}</apikey></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{me.port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
"""


def _stop(instance: Instance) -> None:
    process = instance.process
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def _wait_until_connected(instances: list[Instance], deadline: float) -> None:
    for me, peer in (instances, instances[::-1]):
        while True:
            try:
                connections = me.rest("/rest/system/connections")
                assert isinstance(connections, dict)
                if connections["connections"].get(peer.device_id, {}).get("connected"):
                    break
            except (OSError, ValueError, KeyError):
                pass  # not listening yet
            if time.monotonic() > deadline:
                raise AssertionError(f"Syncthing instances did not connect:\n{me.log()}")
            for instance in instances:
                if instance.process is not None and instance.process.poll() is not None:
                    raise AssertionError(f"Syncthing exited early:\n{instance.log()}")
            time.sleep(0.25)


@contextmanager
def syncthing_pair(root: Path) -> Iterator[tuple[Instance, Instance]]:
    """Two connected Syncthing instances sharing folder `evenside`; each folder is made 0700
    with Syncthing's marker in it. Both are stopped on the way out, whatever happened."""
    instances = []
    for name in ("one", "two"):
        folder = root / name / "Sync"
        (folder / ".stfolder").mkdir(parents=True)
        folder.chmod(0o700)
        instances.append(
            Instance(root / name / "st", folder, free_port(), free_port(), os.urandom(12).hex())
        )
    for instance in instances:
        _generate(instance)
    for me, peer in (instances, instances[::-1]):
        (me.home / "config.xml").write_text(_config(me, peer))
    with ExitStack() as stack:
        for instance in instances:
            instance.process = subprocess.Popen(
                [
                    "syncthing",
                    "serve",
                    f"--home={instance.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    f"--logfile={instance.home / 'syncthing.log'}",
                ],
                env=instance.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            stack.callback(_stop, instance)
        _wait_until_connected(instances, time.monotonic() + START_TIMEOUT_S)
        yield instances[0], instances[1]
