"""Counted check lines for the zcdump test scripts: "ok   WHAT", or
"FAIL WHAT" and up to six of its problems, then "N passed, M failed"."""


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what, probs=()):
        if ok:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failed += 1
            print(f"FAIL {what}")
            for p in list(probs)[:6]:
                print(f"     | {p}")

    def summary(self):
        """Prints the total line; returns the exit status."""
        print(f"{self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1
