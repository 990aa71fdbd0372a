#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reference for tst_midifile: prints format, ppq, and per track its name and
note count (note-ons with velocity > 0), first note (tick, pitch, velocity, channel) and
tempo events. Written separately from the C++ reader, standard library only.
Usage: midifacts.py FILE.mid..."""
import struct
import sys


def vlq(data, i):
    value = 0
    for _ in range(4):
        b = data[i]
        i += 1
        value = (value << 7) | (b & 0x7F)
        if b < 0x80:
            return value, i
    raise ValueError("vlq too long")


def facts(path):
    data = open(path, "rb").read()
    assert data[:4] == b"MThd"
    hlen, fmt, ntrk, div = struct.unpack(">IHHH", data[4:14])
    pos = 8 + hlen
    tracks = []
    while pos + 8 <= len(data):
        cid = data[pos:pos + 4]
        clen = struct.unpack(">I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + clen]
        pos += 8 + clen
        if cid != b"MTrk":
            continue
        i, tick, status = 0, 0, 0
        name, notes, first, tempos = "", 0, None, []
        while i < len(body):
            d, i = vlq(body, i)
            tick += d
            b = body[i]
            if b == 0xFF:
                mtype = body[i + 1]
                mlen, i = vlq(body, i + 2)
                payload = body[i:i + mlen]
                i += mlen
                status = 0
                if mtype == 0x03 and not name:
                    name = payload.decode("utf-8", "replace")
                elif mtype == 0x51:
                    tempos.append((tick, int.from_bytes(payload[:3], "big")))
                elif mtype == 0x2F:
                    break
                continue
            if b in (0xF0, 0xF7):
                slen, i = vlq(body, i + 1)
                i += slen
                status = 0
                continue
            if b & 0x80:
                status = b
                i += 1
            kind = status & 0xF0
            n = 1 if kind in (0xC0, 0xD0) else 2
            args = body[i:i + n]
            i += n
            if kind == 0x90 and args[1] > 0:
                notes += 1
                if first is None:
                    first = (tick, args[0], args[1], status & 0x0F)
        tracks.append((name, notes, first, tempos))
    return fmt, ntrk, div, tracks


for p in sys.argv[1:]:
    fmt, ntrk, div, tracks = facts(p)
    print(f"{p}: format {fmt}, {ntrk} tracks, ppq {div}")
    for t in tracks:
        print(f"  name={t[0]!r} notes={t[1]} first={t[2]} tempos={len(t[3])} "
              f"first_tempo={t[3][:1]} last_tempo={t[3][-1:]}")
