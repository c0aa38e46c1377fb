# Sourced by Benchmarks/startup.sh and scripts/startup-symbols: the files of one small job, made in
# $WORK with the tools in $BIN (both set by the caller). Needs minisign.
#   file.txt                    six bytes
#   k.key, k.pub                an autoid key pair (no passphrase)
#   file.dsse.json              file.txt signed with k.key, under its relative name: an envelope that
#                               names an absolute path is refused by autoid-verify (exit 3) without
#                               --allow-outside-paths, which is not the run to measure
#   m.key, m.pub, file.txt.minisig   a minisign key pair and its signature of file.txt
#   roots.pem, human.pem        an organisation's root Auto ID (org.key) and a human's Auto ID it issued
#                               (human.key), for provenance
#   file.prov.json              file.txt signed by that human with their Auto ID (--trust roots.pem
#                               --require-human verifies it)
#   $CID                        file.txt's Auto Drive CID, read off the report of a check against any
#                               valid CID ("computed  CID")
printf 'hello\n' >"$WORK/file.txt"
"$BIN/autoid-sign" keygen --no-passphrase -s "$WORK/k.key" -p "$WORK/k.pub" >/dev/null
(cd "$WORK" && "$BIN/autoid-sign" -k k.key -o file.dsse.json file.txt >/dev/null)
for name in org human; do "$BIN/autoid-sign" keygen --no-passphrase -s "$WORK/$name.key" -p "$WORK/$name.pub" >/dev/null; done
"$BIN/autoid-sign" issue -k "$WORK/org.key" --cn "Example Organisation" --kind organisation -o "$WORK/roots.pem" >/dev/null
"$BIN/autoid-sign" issue -k "$WORK/org.key" --issuer "$WORK/roots.pem" --subject-key "$WORK/human.pub" --cn "Example Human" \
  --kind human -o "$WORK/human.pem" >/dev/null
(cd "$WORK" && "$BIN/autoid-sign" -k human.key --id human.pem --chain roots.pem --role publisher --source-type digitalCapture \
  -o file.prov.json file.txt >/dev/null)
minisign -G -W -p "$WORK/m.pub" -s "$WORK/m.key" >/dev/null 2>&1
minisign -S -s "$WORK/m.key" -m "$WORK/file.txt" >/dev/null 2>&1
CID=$(cd "$WORK" && "$BIN/autoid-verify" cid bafkr6idbftayihbd3gc4ig7iajype6ltflxmwiw7jp43sfyjfp5z3z6nh4 file.txt | awk '$1 == "computed" {print $2}' || true)
