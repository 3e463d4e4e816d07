#!/usr/bin/env python3
"""tests/docs/snippets.py - extract and run every code block of the docs.

    snippets.py DOC...        (run by tests/docs/run.sh, which sets up the
                               environment described there)

Every fenced block of a Markdown file and every .EX/.EE block of a man page
must be preceded by a marker saying what it is; an unmarked block fails.

  Markdown   <!-- snippet: KIND ARGS... -->        (the nearest non-blank
             line before the fence; the comment may span lines: its later
             lines are the BODY)
  man page   .\\" snippet: KIND ARGS...           (before .EX, .RS/.PP may
             .\\" BODY LINE                         come in between)

BODY lines starting with "$ " are shell set-up commands run first (in the
document's working directory); for C and schema snippets the other lines
are a template in which the line "..." stands for the block (indented as
that line is): a fragment (fields, a switch) is checked inside the
declaration the template gives it.

KINDS
  schema NAME [fails] [same=PATH]
                             write NAME (through the template), `zerocast
                             --check NAME` must succeed (or fail, with
                             "fails"); same=: the block is the source file
                             PATH, byte for byte
  c NAME [compile|run|file]  write NAME (through the template); compile: -c
                             under the strict warnings with gcc -std=c99 and
                             clang -std=c11; run: also link and run it (exit
                             0, its output becomes "the last output")
  file NAME                  only write NAME (a later block uses it)
  sh [fails] [srcdir]        run with bash (set -e -o pipefail) in the working
                             directory; "srcdir": in the zerocast source tree,
                             with `make` building into the suite's scratch
                             build directory and `sudo` staging (DESTDIR)
  console                    "$ CMD" lines are run one by one; the lines
                             after each must be exactly its output (stdout
                             and stderr), after replacing $HOME by /home/you
  words                      every option (-x, --xyz) in the block appears in
                             the output of the BODY commands
  output                     every line of the block is a line of the last
                             output (or of the BODY commands' output)
  make [target=T] touch=F rebuilds=H
  cmake touch=F rebuilds=H
  meson touch=F rebuilds=H   (and same=PATH: the block is the file PATH,
                             comments aside) write the block as Makefile / CMakeLists.txt /
                             meson.build in a fresh directory (after the BODY
                             set-up), build it, check that a second build
                             does nothing, that touching F rebuilds H, and
                             that the program P (run=P) runs
  text REASON                not code: a quoted diagram or an illustration
  norun REASON               cannot run here (network, root, the full test
                             suite); shell blocks are still checked by bash -n

The state of the shell (working directory, exported variables) carries from
one block to the next within a document, as it would for a reader typing
them in order. One line per block, then "N passed, M failed".
"""
import os
import re
import shlex
import subprocess
import sys
import time

T = os.environ["ZC_DOCS_T"]
ROOT = os.environ["ZC_DOCS_ROOT"]
STRICT = ("-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow "
          "-Wcast-align -Wcast-qual -Wundef -Werror").split()
KINDS = {"words", "schema", "c", "file", "sh", "console", "output", "make", "cmake",
         "meson", "text", "norun"}

passed = failed = 0


def report(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + what)
    else:
        failed += 1
        print("FAIL " + what)
        for line in detail.rstrip("\n").splitlines()[-30:]:
            print("     | " + line)
    sys.stdout.flush()


# ---- extraction ---------------------------------------------------------------

class Block:
    def __init__(self, doc, line, text, spec, body):
        self.doc, self.line, self.text = doc, line, text
        self.spec, self.body = spec, body  # spec: None when unmarked

    def where(self):
        return "%s:%d" % (os.path.relpath(self.doc, ROOT), self.line)


def markdown_blocks(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)(```+|~~~+)(.*)$", lines[i])
        if not m:
            i += 1
            continue
        fence, start = m.group(2), i
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            j += 1
        text = "\n".join(l[len(m.group(1)):] if l.startswith(m.group(1)) else l
                         for l in lines[i + 1:j]) + "\n"
        # the marker: the nearest non-blank line before the fence ends "-->"
        k = start - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        spec = body = None
        if k >= 0 and lines[k].strip().endswith("-->"):
            e = k
            while e >= 0 and "<!--" not in lines[e]:
                e -= 1
            comment = "\n".join(lines[e:k + 1]).strip()
            comment = comment[comment.index("<!--") + 4:-3]
            cm = re.match(r"\s*snippet:(.*)", comment, re.S)
            if cm:
                first, _, rest = cm.group(1).partition("\n")
                spec, body = first.strip(), rest.rstrip()
        yield Block(path, start + 1, text, spec, body)
        i = j + 1


def roff_unescape(s):
    for a, b in ((r"\-", "-"), (r"\(aq", "'"), (r"\(dq", '"'), (r"\(ga", "`"),
                 (r"\(ti", "~"), (r"\(ha", "^"), (r"\e", "\\"), (r"\&", ""),
                 (r"\ ", " "), (r"\|", "")):
        s = s.replace(a, b)
    return s


def man_blocks(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, l in enumerate(lines):
        if l.strip() != ".EX":
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip() != ".EE":
            j += 1
        text = "\n".join(roff_unescape(x) for x in lines[i + 1:j]) + "\n"
        k = i - 1
        while k >= 0 and lines[k].strip() in (".RS", ".PP", ".IP", ""):
            k -= 1
        comment = []
        while k >= 0 and lines[k].startswith('.\\"'):
            c = lines[k][3:].rstrip()
            comment.insert(0, c[1:] if c.startswith(" ") else c)   # a template keeps its indentation
            k -= 1
        spec = body = None
        for n, c in enumerate(comment):
            if c.strip().startswith("snippet:"):
                spec = c.strip()[len("snippet:"):].strip()
                body = "\n".join(roff_unescape(x) for x in comment[n + 1:])
                break
        yield Block(path, i + 1, text, spec, body)


# ---- the shell state of a document -----------------------------------------------

class Shell:
    """Runs commands as successive blocks of one reader's terminal session."""

    def __init__(self, name):
        self.dir = os.path.join(T, "work", name)
        os.makedirs(self.dir, exist_ok=True)
        self.state = os.path.join(T, "work", name + ".state")
        self.cwd = self.dir
        self.env = dict(os.environ)
        self.last = ""

    def run(self, script, srcdir=False, cwd=None):
        """Runs SCRIPT; returns (status, combined output)."""
        prologue = "set -e -o pipefail\n"
        if srcdir:
            prologue += ('make() { command make --no-print-directory -C "$ZC_DOCS_ROOT" '
                         'B="$ZC_DOCS_T/build" ZEROCAST="$ZC_DOCS_T/build/zerocast" "$@"; }\n'
                         'sudo() { DESTDIR="$ZC_DOCS_T/sudo-stage" "$@"; }\n')
        # the exported variables and the directory carry to the next block
        here = cwd or (ROOT if srcdir else self.cwd)
        for f in (self.state + ".env", self.state + ".cwd"):
            if os.path.exists(f):
                os.remove(f)
        p = subprocess.run(["bash", "-c", "trap 'zc_rc=$?; env -0 > %s.env; pwd > %s.cwd; exit $zc_rc' EXIT\n"
                            % (shlex.quote(self.state), shlex.quote(self.state)) +
                            prologue + "cd " + shlex.quote(here) + "\n" + script],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           errors="replace", stdin=subprocess.DEVNULL, timeout=600,
                           env=self.env)
        if p.returncode == 0 and not cwd and os.path.exists(self.state + ".env"):
            env = open(self.state + ".env", errors="replace").read().split("\0")
            self.env = dict(e.split("=", 1) for e in env if "=" in e)
            for k in ("PWD", "OLDPWD", "SHLVL", "_"):
                self.env.pop(k, None)
            if not srcdir:  # the source tree is not the reader's directory
                self.cwd = open(self.state + ".cwd").read().strip()
        self.last = p.stdout
        return p.returncode, p.stdout

    def setup(self, body, cwd=None):
        cmds = [l[2:] for l in (body or "").split("\n") if l.startswith("$ ")]
        if not cmds:
            return 0, ""
        return self.run("\n".join(cmds), cwd=cwd)


def normalize(s):
    home = os.environ.get("HOME", "")  # (the tutorial's "$HOME/.local")
    if home:
        s = s.replace(home, "/home/you")
    return "\n".join(l.rstrip() for l in s.rstrip("\n").split("\n"))


def parse_args(spec):
    words = shlex.split(spec)
    kind, args, kv = words[0], [], {}
    for w in words[1:]:
        if "=" in w and re.match(r"^[a-z]+=", w):
            k, v = w.split("=", 1)
            kv[k] = v
        else:
            args.append(w)
    return kind, args, kv


def write(sh, name, text):
    path = os.path.join(sh.cwd, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return path


def mtime(path):
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


# ---- the kinds ------------------------------------------------------------------------

def templated(b):
    """The block through its template (BODY lines other than "$ "); None
    when the template has no "..." line."""
    body = [l for l in (b.body or "").split("\n") if not l.startswith("$ ")]
    if not any(l.strip() for l in body):
        return b.text
    if "..." not in [l.strip() for l in body]:
        return None
    out = []
    for l in body:  # the block, indented like the "..." line
        if l.strip() == "...":
            ind = l[:len(l) - len(l.lstrip())]
            out += [ind + x if x else x for x in b.text.rstrip("\n").split("\n")]
        else:
            out.append(l)
    return "\n".join(out) + "\n"


def do_c(b, sh, args):
    name, mode = args[0], (args[1] if len(args) > 1 else "compile")
    text = templated(b)
    if text is None:
        return False, "the template has no '...' line"
    write(sh, name, text)
    if mode == "file":
        return True, ""
    rc, out = sh.setup(b.body)
    if rc:
        return False, out
    cf = "$(pkg-config --cflags zerocast) -I. -Igen"
    script = ""
    for cc, std in (("gcc", "c99"), ("clang", "c11")):
        script += "%s -std=%s %s %s -c %s -o %s.o\n" % (
            cc, std, " ".join(STRICT), cf, shlex.quote(name), shlex.quote(name))
    if mode == "run":
        script += "gcc -std=c99 %s -o %s.bin %s.o\n./%s.bin\n" % (
            " ".join(STRICT), shlex.quote(name), shlex.quote(name), shlex.quote(name))
    rc, out = sh.run(script)
    return rc == 0, out


def do_console(b, sh):
    cmds = []  # (command, expected lines)
    for l in b.text.rstrip("\n").split("\n"):
        if l.startswith("$ "):
            cmds.append([l[2:], []])
        elif cmds:
            cmds[-1][1].append(l)
        else:
            return False, "output before the first '$ ' line: " + l
    log = ""
    for cmd, want in cmds:
        rc, out = sh.run(cmd)
        got, exp = normalize(out), normalize("\n".join(want))
        if got != exp:
            return False, log + "$ %s\n--- expected\n%s\n--- got (exit %d)\n%s" % (cmd, exp, rc, got)
        log += "$ %s\n%s\n" % (cmd, got)
    return True, log


def do_output(b, sh):
    ref = sh.last
    if b.body and any(l.startswith("$ ") for l in b.body.split("\n")):
        rc, ref = sh.setup(b.body)
        if rc:
            return False, ref
    have = set(normalize(ref).split("\n"))
    missing = [l for l in normalize(b.text).split("\n") if l.strip() and l.rstrip() not in have]
    if missing:
        return False, "not in the output:\n" + "\n".join(missing) + "\n--- output\n" + ref
    return True, ""


def do_build(b, sh, kind, kv):
    d = os.path.join(T, "work", "%s-%d" % (os.path.basename(b.doc), b.line))
    os.makedirs(d, exist_ok=True)
    fname = {"make": "Makefile", "cmake": "CMakeLists.txt", "meson": "meson.build"}[kind]
    if "same" in kv:  # the block is that file, less its comments
        code = lambda t: [l.rstrip() for l in t.split("\n") if l.strip() and not l.lstrip().startswith("#")]
        if code(open(os.path.join(ROOT, kv["same"])).read()) != code(b.text):
            return False, "differs from %s (comments aside)" % kv["same"]
    with open(os.path.join(d, fname), "w") as f:
        f.write(b.text)
    rc, out = sh.setup(b.body, cwd=d)
    if rc:
        return False, "set-up failed:\n" + out
    if kind == "make":
        t = kv.get("target", "")
        build = "make " + t
        quiet = "make -q " + t
    elif kind == "cmake":
        build = "cmake --build build"
        quiet = None
        rc, out = sh.run("cmake -S . -B build", cwd=d)
        if rc:
            return False, out
    else:
        build = "ninja -C build"
        quiet = None
        rc, out = sh.run("meson setup build", cwd=d)
        if rc:
            return False, out
    rc, out = sh.run(build, cwd=d)
    if rc:
        return False, "first build failed:\n" + out
    if "run" in kv:
        rc, o2 = sh.run(kv["run"], cwd=d)
        if rc:
            return False, "running %s failed:\n%s" % (kv["run"], o2)
    # a second build does nothing
    h = os.path.join(d, kv["rebuilds"])
    before = mtime(h)
    if before is None:
        return False, "%s was not generated\n%s" % (kv["rebuilds"], out)
    if quiet:
        rc, o2 = sh.run(quiet, cwd=d)
        if rc:
            return False, "a second make would rebuild (make -q: %d)\n%s" % (rc, o2)
    rc, o2 = sh.run(build, cwd=d)
    if rc or mtime(h) != before or (kind == "make" and "Nothing to be done" not in o2
                                    and "is up to date" not in o2):
        return False, "the second build did something:\n" + o2
    # touching the schema rebuilds the header
    time.sleep(1.1)
    os.utime(os.path.join(d, kv["touch"]))
    rc, o3 = sh.run(build, cwd=d)
    if rc or mtime(h) == before:
        return False, "touching %s did not regenerate %s:\n%s" % (kv["touch"], kv["rebuilds"], o3)
    return True, ""


def run_block(b, sh):
    kind, args, kv = parse_args(b.spec)
    if kind not in KINDS:
        return False, "unknown snippet kind '%s'" % kind
    if kind in ("text", "norun"):
        if not args:
            return False, "%s needs a reason" % kind
        if kind == "norun" and b.text.lstrip().startswith(("$", "zc", "make", "dig", "ze")):
            p = subprocess.run(["bash", "-n"], input=re.sub(r"^\$ ", "", b.text, flags=re.M),
                               text=True, capture_output=True)
            return p.returncode == 0, p.stderr
        return True, ""
    if kind == "file":
        write(sh, args[0], b.text)
        return True, ""
    if kind == "words":
        rc, ref = sh.setup(b.body)
        if rc:
            return False, ref
        words = sorted(set(re.findall(r"(?<![\w-])--?[A-Za-z][-A-Za-z]*", b.text)))
        missing = [w for w in words if not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(w), ref)]
        return not missing and bool(words), "not in the output: %s\n%s" % (" ".join(missing), ref)
    if kind == "schema":
        if "same" in kv and open(os.path.join(ROOT, kv["same"])).read() != b.text:
            return False, "differs from " + kv["same"]
        text = templated(b)
        if text is None:
            return False, "the template has no '...' line"
        rc, out = sh.setup(b.body)
        if rc:
            return False, out
        write(sh, args[0], text)
        rc, out = sh.run("zerocast --check " + shlex.quote(args[0]))
        return (rc != 0) == ("fails" in args), out
    if kind == "c":
        return do_c(b, sh, args)
    if kind == "sh":
        rc, out = sh.setup(b.body)
        if rc:
            return False, out
        rc, out = sh.run(b.text, srcdir="srcdir" in args)
        return (rc != 0) == ("fails" in args), out
    if kind == "console":
        rc, out = sh.setup(b.body)
        if rc:
            return False, out
        return do_console(b, sh)
    if kind == "output":
        return do_output(b, sh)
    return do_build(b, sh, kind, kv)


def check_sources(docs):
    """Lists and paths in the docs against the source tree."""
    schemas = sorted(f for f in os.listdir(os.path.join(ROOT, "schemas")) if f.endswith(".zc"))
    for doc in docs:
        text = open(doc, encoding="utf-8").read()
        if doc.endswith(".md"):
            # every repository path in `backquotes` exists
            paths = set(re.findall(r"`((?:docs|tests|examples|runtime|schemas)/[^`\s*]*)`", text))
            missing = [x for x in sorted(paths)
                       if not os.path.exists(os.path.join(ROOT, x.rstrip("/")))]
            report(not missing, "%s: the %d source paths it names exist" % (doc, len(paths)),
                   "\n".join(missing))
        else:
            paths = set(re.findall(r"(?:^|\s)(docs/[\w./-]+\w)", roff_unescape(text)))
            missing = [x for x in sorted(paths) if not os.path.exists(os.path.join(ROOT, x))]
            report(not missing, "%s: the %d source paths it names exist" % (doc, len(paths)),
                   "\n".join(missing))
        if os.path.basename(doc) in ("README.md", "zerocast.1"):
            plain = roff_unescape(text)
            missing = [f for f in schemas if not re.search(r"(?<![\w/])%s(?!\w)" % re.escape(f), plain)]
            report(not missing, "%s: lists all %d bundled schemas/*.zc" % (doc, len(schemas)),
                   "not listed: " + " ".join(missing))


def main():
    if "ZC_DOCS_SELFTEST" in os.environ:
        report(os.environ["ZC_DOCS_SELFTEST"] == "ok",
               "the checker fails an unmarked block, a wrong output and an unknown kind")
    for doc in sys.argv[1:]:
        sh = Shell(os.path.basename(doc))
        blocks = man_blocks(doc) if re.search(r"\.[1-8]$", doc) else markdown_blocks(doc)
        for b in blocks:
            if b.spec is None:
                report(False, "%s: code block without a <!-- snippet: ... --> marker" % b.where(),
                       b.text)
                continue
            try:
                ok, detail = run_block(b, sh)
            except Exception as e:  # a broken marker is a failure, not a crash
                ok, detail = False, "%s: %s" % (type(e).__name__, e)
            report(ok, "%s: %s" % (b.where(), b.spec), detail)
    check_sources(sys.argv[1:])
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
