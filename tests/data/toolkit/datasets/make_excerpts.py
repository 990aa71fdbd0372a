#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes the small dataset excerpts that tests/toolkit/tst_datasets.cpp reads.

Run from this folder: /usr/bin/python3 make_excerpts.py [SHARED_DATA_DIR]
Text excerpts are the first lines of the real files in ../shared/data (POP909 MIT, Nottingham
GPL-3.0, JSB public-domain music, WJazzD ODbL/DbCL); the MIDI and WAV files are written here.
"""
import json, os, struct, sys, wave

DATA = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data'


def vlq(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    return bytes(reversed(out))


def track(name, notes, channel, program):
    """notes: (start_tick, end_tick, pitch, velocity)"""
    ev = [(0, b'\xff\x03' + vlq(len(name)) + name.encode())]
    ev.append((0, bytes([0xC0 | channel, program])))
    for s, e, p, v in notes:
        ev.append((s, bytes([0x90 | channel, p, v])))
        ev.append((e, bytes([0x80 | channel, p, 0])))
    ev.sort(key=lambda x: (x[0], x[1][0] & 0xF0 == 0x90))
    data, now = b'', 0
    for t, msg in ev:
        data += vlq(t - now) + msg
        now = t
    data += b'\x00\xff\x2f\x00'
    return b'MTrk' + struct.pack('>I', len(data)) + data


def write_pop909_song(folder):
    os.makedirs(folder, exist_ok=True)
    q = 480
    tempo = b'\x00\xff\x51\x03' + (666665).to_bytes(3, 'big') + b'\x00\xff\x58\x04\x04\x02\x18\x08\x00\xff\x2f\x00'
    conductor = b'MTrk' + struct.pack('>I', len(tempo)) + tempo
    melody = [(q * i, q * i + q // 2, 72 + (i % 3) * 2, 100) for i in range(8)]
    bridge = [(q * 2, q * 4, 67, 90)]
    piano = [(q * b, q * b + q * 2, p, 70) for b in (0, 2, 4, 6) for p in (48, 55, 60, 64)]
    smf = b'MThd' + struct.pack('>IHHH', 6, 1, 4, q) + conductor
    smf += track('MELODY', melody, 0, 0) + track('BRIDGE', bridge, 1, 0) + track('PIANO', piano, 2, 0)
    name = os.path.basename(folder)
    open(os.path.join(folder, name + '.mid'), 'wb').write(smf)
    src = os.path.join(DATA, 'pop909', '001')
    for f, n in (('beat_midi.txt', 8), ('chord_midi.txt', 12), ('key_audio.txt', 1)):
        lines = open(os.path.join(src, f)).read().splitlines()[:n]
        open(os.path.join(folder, f), 'w').write('\n'.join(lines) + '\n')


def write_wav(path, samples, rate=8000):
    with wave.open(path, 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b''.join(struct.pack('<h', s) for s in samples))


def main():
    write_pop909_song('pop909/001')
    write_pop909_song('pop909/002')
    os.makedirs('nottingham/abc', exist_ok=True)
    text = open(os.path.join(DATA, 'nottingham/abc/ashover.abc'), encoding='latin-1').read()
    tunes = text.split('\nX:')
    open('nottingham/abc/ashover.abc', 'w').write('\nX:'.join(tunes[:3]) + '\n')
    jsb = json.load(open(os.path.join(DATA, 'jsb_chorales/jsb16th_separated_train_valid.json')))
    small = {'train': [c[:32] for c in jsb['train'][:2]], 'valid': [jsb['valid'][0][:32]]}
    json.dump(small, open('jsb_excerpt.json', 'w'), separators=(',', ':'))
    os.makedirs('wjazzd/mcsv_melody', exist_ok=True)
    os.makedirs('wjazzd/mcsv_beat', exist_ok=True)
    solo = 'BenWebster_ByeByeBlackbird_FINAL'
    w = os.path.join(DATA, 'wjazzd_mcsv')
    for sub, f, n in (('mcsv_melody', solo + '.csv', 21), ('mcsv_beat', solo + '_beattrack.csv', 13)):
        lines = open(os.path.join(w, sub, f)).read().splitlines()[:n]
        open(os.path.join('wjazzd', sub, f), 'w').write('\n'.join(lines) + '\n')
    lines = open(os.path.join(w, 'solos.csv')).read().splitlines()[:2]
    open('wjazzd/solos.csv', 'w').write('\n'.join(lines) + '\n')
    for song in ('songA', 'songB'):
        os.makedirs('stems/' + song, exist_ok=True)
        a = [(i * 37) % 200 - 100 for i in range(400)]
        b = [(i * 11) % 100 - 50 for i in range(400)]
        write_wav('stems/%s/source1.wav' % song, a)
        write_wav('stems/%s/source2.wav' % song, b)
        write_wav('stems/%s/mixture.wav' % song, [x + y for x, y in zip(a, b)])
    os.makedirs('stems/notasong', exist_ok=True)
    open('stems/notasong/readme.txt', 'w').write('no mixture here\n')


main()
