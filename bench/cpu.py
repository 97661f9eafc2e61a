"""CPU time of the processes that serve a request: gunicorn workers and PostgreSQL backends.

Read from /proc (Linux), in seconds of user + system time. A sample maps
process ids to their CPU time so far; the difference of two samples is the
CPU spent between them (a process that started in between counts from zero).
"""

import os

TICKS = os.sysconf("SC_CLK_TCK")


def process_seconds(pid):
    """User + system CPU seconds of `pid` (all its threads), or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            stat = file.read()
    except OSError:
        return None
    # Fields after the command name, which is in parentheses and may contain spaces.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def children(parent):
    """Process ids whose parent is `parent` (gunicorn's workers)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as file:
                stat = file.read()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(name))
    return found


def sample(pids):
    return {pid: seconds for pid in pids if (seconds := process_seconds(pid)) is not None}


def spent(before, after):
    """CPU seconds spent between two samples."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def resident_mb(pid):
    """Resident memory of `pid` in MB (VmRSS), or None if it is gone."""
    try:
        with open(f"/proc/{pid}/status") as file:
            for line in file:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None
