# offsets.awk -v P=PREFIX LAYOUT HEADER - a cross-check of two emitters:
# every NAME_OFF_FIELD and NAME_MIN_SIZE macro that the header (gen/emit_view.c)
# defines for a struct of the layout report (emit_layout.c) has the value
# of the report's row: the field's offset (a named bits group: "bits G =
# ... at OFF"), the struct's size ("N bytes" or "at least N bytes").
# Structs the report does not show (imported ones) are not checked.
# Prints each disagreement (exit 1; also if nothing was checked), else
# "checked N".
FNR == 1 { file++ }
file == 1 && /^struct / {
    s = P toupper($2); known[s] = 1; want[s "_MIN_SIZE"] = $(NF - 1); fcol = 0; next
}
file == 1 && /^  offset / { fcol = index($0, "field"); next }
file == 1 && fcol && /^  [0-9]+ / && substr($0, fcol, 1) != " " {
    f = substr($0, fcol); sub(/ .*/, "", f); want[s "_OFF_" toupper(f)] = $1; next
}
file == 1 && /^  bits [A-Za-z0-9_]+ = .* at [0-9]+\)$/ {
    o = $NF; sub(/\)/, "", o); want[s "_OFF_" toupper($2)] = o; next
}
file == 2 && /^#define [A-Za-z0-9_]+ [0-9]+$/ {
    m = $2; owner = ""
    for (k in known)
        if ((m == k "_MIN_SIZE" || index(m, k "_OFF_") == 1) && length(k) > length(owner))
            owner = k
    if (owner == "")
        next
    checked++
    if (!(m in want)) { print "header defines " m " " $3 ": no such row in the layout"; bad++ }
    else if (want[m] != $3) { print m " is " $3 " in the header, " want[m] " in the layout"; bad++ }
}
END {
    if (!checked) { print "no offset macros of the layout's structs in the header"; bad++ }
    if (!bad) print "checked " checked
    exit bad > 0
}
