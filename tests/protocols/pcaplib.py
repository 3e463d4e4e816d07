"""pcaplib.py - the pcap writing shared by tests/protocols/*/make.py.

Every make.py ends the same way: the frames get fixed timestamps (frame i,
counting from 0, at 1700000000 + i seconds: deterministic output), and go
to the file named on the command line, or by default to NAME.pcap next to
the script, NAME being the script's directory (the protocol test's name).

    import os, sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import pcaplib  # noqa: E402
    ...
    pcaplib.write(__file__, frames)                 # link type Ethernet
    pcaplib.write(__file__, frames, linktype=113)   # another link type

Frames are scapy packets (Raw(bytes) for hand-built ones); scapy comes
from Debian's python3-scapy under /usr/bin/python3.
"""
import os
import sys

from scapy.all import wrpcap

T0 = 1700000000


def out_path(script):
    """argv[1] if given, else NAME.pcap next to script (NAME: its directory)."""
    if len(sys.argv) > 1:
        return sys.argv[1]
    here = os.path.dirname(os.path.abspath(script))
    return os.path.join(here, os.path.basename(here) + ".pcap")


def stamp(frames):
    """Frame i gets the timestamp T0 + i."""
    for i, f in enumerate(frames):
        f.time = T0 + i
    return frames


def write(script, frames, linktype=None):
    """Stamp the frames and write them where out_path(script) says.
    linktype: the pcap link type (None: scapy's choice from the first
    frame, Ethernet (1) for Ether and Raw frames)."""
    stamp(frames)
    if linktype is None:
        wrpcap(out_path(script), frames)
    else:
        wrpcap(out_path(script), frames, linktype=linktype)
