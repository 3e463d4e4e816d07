#!/usr/bin/python3
"""compare.py - a generated Wireshark dissector against zcdump, frame by frame.

Usage: compare.py ZCDUMP DISSECTOR.lua CAPTURE.pcap [--zcdump-only L1,L2,...]
                  [--only LAYER] [-o TSHARK-PREFERENCE ...]

Runs `zcdump --json-offsets -r CAPTURE` and `tshark -X lua_script:DISSECTOR
-r CAPTURE -T json -x` and compares every field of every layer both decode:
its value, its byte offset in the frame and its size (for a bit field, the
bytes it touches; the bit mask tshark reports must hold the field's bits).
A frame zcdump reports a problem in must carry a zerocast expert item of
the same kind (zc.truncated, zc.constraint, ...); a frame zcdump decodes
without a problem must carry none. A Lua error is always a disagreement.

Layers zcdump adds on its own (its ICMP message views, not stack layers)
are named with --zcdump-only and skipped. Prints one line per disagreement
and a last line `FRAMES frames, FIELDS fields, N disagreements`; exit 1 if
N > 0.
"""
import json
import subprocess
import sys


def pairs_hook(pairs):
    return pairs   # keep duplicate keys (two elements, two layers) in order


def zcdump_leaves(fields, prefix, out):
    for k, v in fields.items():
        if k.endswith("@"):
            continue
        at = fields.get(k + "@")
        path = prefix + k
        if isinstance(v, dict) and "value" in v and set(v) <= {"value", "name"}:
            out[path] = ("int", v["value"], at)
        elif isinstance(v, dict):
            out[path] = ("container", None, None)
            zcdump_leaves(v, path + ".", out)
        elif isinstance(v, list):
            out[path] = ("container", None, None)
            for i, e in enumerate(v):
                zcdump_leaves(e, "%s[%d]." % (path, i), out)
        elif isinstance(v, bool):
            out[path] = ("int", int(v), at)
        elif isinstance(v, int):
            out[path] = ("int", v, at)
        elif v is None:
            out[path] = ("null", None, at)
        else:
            out[path] = ("str", v, at)


def collect_experts(pairs, out):
    """Every expert item in a frame: zc.KIND, or lua-error."""
    for k, v in pairs:
        if not (isinstance(v, list) and v and isinstance(v[0], tuple)):
            continue   # a value, or a JSON array (_raw)
        if k == "_ws.expert":
            for kk, _ in v:
                if kk.startswith("zc."):
                    out.append(kk)
                elif kk == "_ws.lua.error":
                    out.append("lua-error")
        else:
            collect_experts(v, out)


def ws_leaves(pairs, prefix, out):
    raw = None
    for k, v in pairs:
        if k.endswith("_raw"):
            raw = v
            continue
        if not k.startswith("zc."):
            continue
        name = k.split(".")[2]
        if k.endswith(".item"):
            continue   # handled by the array below
        if isinstance(v, list):
            items = [e for kk, e in v if kk.endswith(".item")]
            if items or not v:
                for i, e in enumerate(items):
                    ws_leaves(e if isinstance(e, list) else [], "%s%s[%d]." % (prefix, name, i), out)
                # expert items directly in the array
                ws_leaves([(kk, e) for kk, e in v if not kk.endswith(".item")], prefix + name + ".", out)
            else:
                ws_leaves(v, prefix + name + ".", out)
        elif not (raw and raw[4] == 0):   # FT_NONE: an empty array or struct
            out.setdefault(prefix + name, (v, raw))
        raw = None


def main():
    zcdump, lua, pcap = sys.argv[1:4]
    skip = set()
    only = None
    prefs = []
    args = sys.argv[4:]
    while len(args) >= 2:
        if args[0] == "--zcdump-only":
            skip = set(args[1].split(","))
        elif args[0] == "--only":
            only = args[1]   # compare this layer of the dissector's only
        elif args[0] == "-o":
            prefs += ["-o", args[1]]   # a preference for tshark (a root's parameter)
        args = args[2:]
    zlines = subprocess.run([zcdump, "--json-offsets", "-r", pcap], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    ws = subprocess.run(["tshark", "-X", "lua_script:" + lua, "-r", pcap, "-T", "json", "-x"] + prefs,
                        capture_output=True, text=True)
    bad = []
    if "Lua" in ws.stderr and "rror" in ws.stderr:
        bad.append("tshark: " + ws.stderr.strip().splitlines()[-1])
    wframes = json.loads(ws.stdout, object_pairs_hook=pairs_hook) if ws.stdout.strip() else []
    nfields = snapped = 0
    for line, wf in zip(zlines, wframes):
        z = json.loads(line)
        fr = z["frame"]
        if z.get("truncated"):
            snapped += 1   # caplen < len: not compared (docs/wireshark.md)
            continue
        layers = dict(dict(wf)["_source"])["layers"]
        wl = []   # (name, offset, leaves) of the dissector's layers
        experts = []
        collect_experts(layers, experts)
        raw = None
        for k, v in layers:
            if k.endswith("_raw"):
                raw = v
                continue
            if k.startswith("zc.") and (only is None or k[3:] == only):
                out = {}
                ws_leaves(v if isinstance(v, list) else [], "", out)
                wl.append((k[3:], raw[1] if raw else None, out))
            raw = None
        if "lua-error" in experts:
            bad.append("frame %d: Lua error" % fr)
        zl = [L for L in z["layers"] if L["layer"] not in skip]
        # the layer a problem was found in: zcdump shows it in part (its
        # fields up to the problem, or those its visit reaches), the
        # dissector up to the problem; fields both show must agree
        st = z["status"]
        # (every layer of the name a problem names: zcdump lists up to 8)
        failing = set()
        for pr in z.get("problems", []):
            failing |= {(L["layer"], L["offset"]) for L in zl if L["layer"] == pr.get("layer")}
        wkeys = {(n, o): leaves for n, o, leaves in wl}
        for L in zl:
            key = (L["layer"], L["offset"])
            if key not in wkeys:
                bad.append("frame %d: layer %s at %d: not in the dissector's tree" % (fr, key[0], key[1]))
                continue
            zleaves = {}
            zcdump_leaves(L["fields"], "", zleaves)
            wleaves = wkeys[key]
            for path, (kind, val, at) in zleaves.items():
                if kind == "container":
                    continue
                nfields += 1
                if path not in wleaves:
                    if key in failing:
                        continue
                    bad.append("frame %d: %s.%s: missing" % (fr, key[0], path))
                    continue
                wval, raw = wleaves[path]
                if kind == "int":
                    ok = str(val) == wval
                elif kind == "null":
                    ok = wval in ("", None)
                else:
                    ok = val == wval.replace(":", "") or val == wval
                if not ok:
                    bad.append("frame %d: %s.%s: zcdump %r, dissector %r" % (fr, key[0], path, val, wval))
                if raw is None and at is not None and at[1] == 0:
                    pass   # tshark -T json gives no _raw for an empty item
                elif at is not None and (raw is None or [raw[1], raw[2]] != at):
                    bad.append("frame %d: %s.%s: zcdump at %r, dissector %r" % (fr, key[0], path, at,
                                                                             raw[1:3] if raw else None))
            for path in wleaves:
                if path in zleaves and zleaves[path][0] == "container" and wleaves[path][0] == "":
                    continue
                if path not in zleaves and key not in failing:
                    bad.append("frame %d: %s.%s: not in zcdump" % (fr, key[0], path))
        zkeys = {(L["layer"], L["offset"]) for L in zl}
        failed = z.get("failed_layer")
        for n, o, _ in wl:
            if (n, o) not in zkeys and not (failed and failed["layer"] == n and o in (None, failed["offset"])):
                bad.append("frame %d: layer %s at %s: not in zcdump" % (fr, n, o))
        code = z["status"]["code"]
        zexperts = [e for e in experts if e != "lua-error"]
        if code == "ok" and zexperts and not (st.get("layer") in skip):
            bad.append("frame %d: zcdump ok, dissector reports %s" % (fr, zexperts))
        if code != "ok" and st.get("layer") in skip:
            pass   # a problem in a layer of zcdump's own
        elif code != "ok" and ("zc." + code) not in zexperts:
            bad.append("frame %d: zcdump %s (%s), dissector reports %s" % (fr, code, z["status"].get("text"),
                                                                          zexperts or "nothing"))
    if len(zlines) != len(wframes):
        bad.append("%d frames from zcdump, %d from tshark" % (len(zlines), len(wframes)))
    for b in bad:
        print(pcap + ": " + b)
    print("%d frames (%d snapped, not compared), %d fields, %d disagreements"
          % (len(zlines), snapped, nfields, len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
