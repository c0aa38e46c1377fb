# Sourced by Benchmarks/startup.sh and scripts/startup-symbols: the files of one small job, made in
# $WORK with the tools in $BIN (both set by the caller). Needs minisign.
#   file.txt                    six bytes
#   k.key, k.pub                an autoid key pair (no passphrase)
#   file.dsse.json              file.txt signed with k.key, under its relative name: an envelope that
#                               names an absolute path is refused by autoid-verify (exit 3) without
#                               --allow-outside-paths, which is not the run to measure
#   m.key, m.pub, file.txt.minisig   a minisign key pair and its signature of file.txt
#   $CID                        file.txt's Auto Drive CID, read off the report of a check against any
#                               valid CID ("computed  CID")
printf 'hello\n' >"$WORK/file.txt"
"$BIN/autoid-sign" keygen --no-passphrase -s "$WORK/k.key" -p "$WORK/k.pub" >/dev/null
(cd "$WORK" && "$BIN/autoid-sign" -k k.key -o file.dsse.json file.txt >/dev/null)
minisign -G -W -p "$WORK/m.pub" -s "$WORK/m.key" >/dev/null 2>&1
minisign -S -s "$WORK/m.key" -m "$WORK/file.txt" >/dev/null 2>&1
CID=$(cd "$WORK" && "$BIN/autoid-verify" cid bafkr6idbftayihbd3gc4ig7iajype6ltflxmwiw7jp43sfyjfp5z3z6nh4 file.txt | awk '$1 == "computed" {print $2}' || true)
