function __autoid-verify_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __autoid-verify_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __autoid-verify_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __autoid-verify_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __autoid-verify_parse_tokens -S
    set -l unparsed_tokens (__autoid-verify_tokens -pc)
    switch $unparsed_tokens[1]
    case 'autoid-verify'
        __autoid-verify_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'envelope'
            __autoid-verify_parse_subcommand -r 2 'k/key=' 'trust=' 'crl=+' 'search=+' 'threshold=' 'require-role=+' 'require-human' 'allow-undisclosed-ai' 'require-issuer=+' 'policy=' 'registry-proof=' 'header=' 'registry-state-version=' 'pallet=' 'max-depth=' 'base-dir=' 'allow-outside-paths' 'json' 'q/quiet' 'each' 'shard=' 'v/verbose' 'files-from=' '0/null' 'version' 'h/help'
        case 'identity'
            __autoid-verify_parse_subcommand 1 'trust=' 'chain=+' 'crl=+' 'attestation=+' 'require-factors=' 'at=' 'json' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'registry-action'
            __autoid-verify_parse_subcommand 0 'cert=' 'signature=' 'id=' 'nonce=' 'action=' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'sigstore'
            __autoid-verify_parse_subcommand 1 'bundle=' 'k/key=' 'trusted-root=' 'rekor-key=+' 'certificate-identity=' 'certificate-oidc-issuer=' 'insecure-ignore-tlog' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'cid'
            __autoid-verify_parse_subcommand 2 'name=' 'no-name' 'stored-compressed' 'o/output=' 'force' 'max-output=' 'json' 'q/quiet' 'v/verbose' 'version' 'h/help'
        case 'minisign'
            __autoid-verify_parse_subcommand -r 1 'p/public-key-file=' 'P/public-key=' 'x/signature=' 'm/message=+' 'json' 'q/quiet' 'Q/comment-only' 'o/output-content' 'files-from=' '0/null' 'v/verbose' 'version' 'h/help'
        case 'signify'
            __autoid-verify_parse_subcommand -r 1 'p/public-key-file=' 'P/public-key=' 'x/signature=' 'C/check' 'base-dir=' 'json' 'q/quiet' 'files-from=' '0/null' 'v/verbose' 'version' 'h/help'
        case 'help'
            __autoid-verify_parse_subcommand -r 1 'version'
        end
    end
end

function __autoid-verify_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __autoid-verify_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __autoid-verify_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __autoid-verify_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__autoid-verify_tokens -p)
    if test -z "$(__autoid-verify_tokens -t)"
        set -l index (count (__autoid-verify_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'autoid-verify' -f
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_positional "autoid-verify" -eq 1' -fa 'envelope' -d 'Verify a DSSE envelope\'s signature and re-hash the content it lists (the default).'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_positional "autoid-verify" -eq 1' -fa 'identity' -d 'Show an Auto ID and verify its certificate chain against trust roots.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_positional "autoid-verify" -eq 1' -fa 'registry-action' -d 'Check that a registry action (revoke or deactivate) is signed by an Auto ID\'s key.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_positional "autoid-verify" -eq 1' -fa 'sigstore' -d 'Verify a Sigstore bundle (cosign, sigstore-python, GitHub attestations) against a file, offline.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_positional "autoid-verify" -eq 1' -fa 'cid' -d 'Verify that a file (or standard input) or a folder has an Auto Drive CID.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_positional "autoid-verify" -eq 1' -fa 'minisign' -d 'Verify files against minisign signatures (.minisig), many at a time.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_positional "autoid-verify" -eq 1' -fa 'signify' -d 'Verify OpenBSD signify signatures (.sig) and signed checksum lists (-C).'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_positional "autoid-verify" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" k key' -l 'key' -s 'k' -d 'Public key file (SubjectPublicKeyInfo PEM, Ed25519).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" trust' -l 'trust' -d 'Verify the parties\' Auto IDs against these roots (a PEM file or a folder of them) instead of a --key.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope"' -l 'crl' -d 'A revocation list from an issuer of a party; repeat for several.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope"' -l 'search' -d 'A folder to look in for ingredient envelopes (after the envelope\'s own folder); repeat for several.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" threshold' -l 'threshold' -d 'Accept an envelope signed by at least this many named parties (default: every named party).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope"' -l 'require-role' -d 'A party in this role must have signed the top envelope; repeat for several.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" require-human' -l 'require-human' -d 'A human party must have signed the top envelope.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" allow-undisclosed-ai' -l 'allow-undisclosed-ai' -d 'Accept AI parties\' actions without a digital source type (AI disclosure is required by default).'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope"' -l 'require-issuer' -d 'Every party must chain through this issuer certificate; repeat to allow several.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" policy' -l 'policy' -d 'A JSON policy file (autoid-provenance(5)); its rules add to the options given here.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" registry-proof' -l 'registry-proof' -d 'A read proof (state_getReadProof) of the Auto ID registry\'s entries for every party, checked against --header.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" header' -l 'header' -d 'The trusted block header (chain_getHeader JSON or SCALE hex) whose state root --registry-proof is checked against.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" registry-state-version' -l 'registry-state-version' -d 'Trie layout of the registry\'s chain: 0 or 1 (default 1).' -rfka '0 1'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" pallet' -l 'pallet' -d 'The registry pallet\'s name in the runtime (default AutoId).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" max-depth' -l 'max-depth' -d 'Follow ingredients at most this deep (default 16).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" base-dir' -l 'base-dir' -d 'Directory that subject names are relative to.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" allow-outside-paths' -l 'allow-outside-paths' -d 'Read subjects whose names are absolute, contain .. or lead outside --base-dir (only for a signer you trust to name files).'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" json' -l 'json' -d 'Print a JSON report on standard output.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" q quiet' -l 'quiet' -s 'q' -d 'Print nothing; the exit status tells the verdict.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" each' -l 'each' -d 'Treat every operand as an envelope and verify them all, spread over every core.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" shard' -l 'shard' -d 'With --each, verify only this share K/N of the envelopes (chosen by a hash of each name, so N machines split any list).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" files-from' -l 'files-from' -d 'Also take the files named in this file, one per line (- for standard input).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" 0 null' -s '0' -l 'null' -d 'With --files-from, names end with a NUL byte instead of a newline.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify envelope" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity" trust' -l 'trust' -d 'Trusted root certificates: a PEM file or a folder of them.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity"' -l 'chain' -d 'More intermediate certificates (PEM); repeat for several files.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity"' -l 'crl' -d 'A revocation list from an issuer in the chain; repeat for several.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity"' -l 'attestation' -d 'A personhood attestation about this Auto ID; repeat for several.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity" require-factors' -l 'require-factors' -d 'Require this many distinct personhood factors attested by trusted Auto IDs.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity" at' -l 'at' -d 'Verify as of this time (RFC 3339, e.g. 2026-01-01T00:00:00Z) instead of now.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity" json' -l 'json' -d 'Print a JSON report on standard output.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify identity" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify registry-action" cert' -l 'cert' -d 'The signer\'s Auto ID certificate.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify registry-action" signature' -l 'signature' -d 'The registry Signature (SCALE, hex).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify registry-action" id' -l 'id' -d 'The Auto ID identifier the action is on (hex).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify registry-action" nonce' -l 'nonce' -d 'The Auto ID\'s current nonce in the registry (decimal or 0x hex).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify registry-action" action' -l 'action' -d 'revoke (RevokeCertificate) or deactivate (DeactivateAutoId).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify registry-action" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify registry-action" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify registry-action" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify registry-action" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" bundle' -l 'bundle' -d 'The Sigstore bundle (default: FILE.sigstore.json).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" k key' -l 'key' -s 'k' -d 'The signer\'s public key (PEM) to pin; no certificate chain is then needed.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" trusted-root' -l 'trusted-root' -d 'Sigstore\'s trusted_root.json: Fulcio authorities and Rekor keys.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore"' -l 'rekor-key' -d 'A Rekor log\'s public key (PEM); repeat for several.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" certificate-identity' -l 'certificate-identity' -d 'The identity (email or URI) the certificate must name.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" certificate-oidc-issuer' -l 'certificate-oidc-issuer' -d 'The OIDC issuer the certificate must name.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" insecure-ignore-tlog' -l 'insecure-ignore-tlog' -d 'Accept a bundle without a transparency log entry (entries present are still checked).'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify sigstore" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" name' -l 'name' -d 'The name recorded in the CID\'s root node (default: FILE\'s base name).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" no-name' -l 'no-name' -d 'Record no name (the default for standard input).'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" stored-compressed' -l 'stored-compressed' -d 'FILE is Auto Drive\'s stored, zlib-compressed form: check its CID, then inflate it.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" o output' -l 'output' -s 'o' -d 'With --stored-compressed, write the inflated content here once the CID matched.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" force' -l 'force' -d 'Replace an existing -o file (it keeps its mode).'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" max-output' -l 'max-output' -d 'With --stored-compressed, the most bytes the content may inflate to.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" json' -l 'json' -d 'Print a JSON report on standard output.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" q quiet' -l 'quiet' -s 'q' -d 'Print nothing; the exit status tells the verdict.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify cid" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" p public-key-file' -s 'p' -l 'public-key-file' -d 'Public key file: minisign\'s or signify\'s .pub, or an autoid PEM public key.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" P public-key' -s 'P' -l 'public-key' -d 'Public key as base64 (the RWQ... string minisign -G prints).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" signature x' -s 'x' -l 'signature' -d 'The signature file, when one FILE is verified (default: FILE.minisig).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign"' -s 'm' -l 'message' -d 'A file to verify, as minisign -m takes it (repeatable).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" json' -l 'json' -d 'Print a JSON report on standard output.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" q quiet' -l 'quiet' -s 'q' -d 'Print nothing; the exit status tells the verdict.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" Q comment-only' -s 'Q' -l 'comment-only' -d 'Print only the trusted comment of each verified file, as minisign -V -Q.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" o output-content' -s 'o' -l 'output-content' -d 'Write the verified content of the one FILE to standard output, as minisign -V -o (reports go to standard error).'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" files-from' -l 'files-from' -d 'Also take the files named in this file, one per line (- for standard input).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" 0 null' -s '0' -l 'null' -d 'With --files-from, names end with a NUL byte instead of a newline.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify minisign" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" p public-key-file' -s 'p' -l 'public-key-file' -d 'Public key file: minisign\'s or signify\'s .pub, or an autoid PEM public key.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" P public-key' -s 'P' -l 'public-key' -d 'Public key as base64 (the RWQ... string minisign -G prints).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" signature x' -s 'x' -l 'signature' -d 'The signature file (default: FILE.sig); with -C, the signed checksum list.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" C check' -s 'C' -l 'check' -d 'Verify the signed checksum list -x, then the files it names.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" base-dir' -l 'base-dir' -d 'With -C, the directory names in the list are relative to.' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" json' -l 'json' -d 'Print a JSON report on standard output.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" q quiet' -l 'quiet' -s 'q' -d 'Print nothing; the exit status tells the verdict.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" files-from' -l 'files-from' -d 'Also take the files named in this file, one per line (- for standard input).' -rfka ''
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" 0 null' -s '0' -l 'null' -d 'With --files-from, names end with a NUL byte instead of a newline.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify signify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-verify' -n '__autoid-verify_should_offer_completions_for_flags_or_options "autoid-verify help" version' -l 'version' -d 'Show the version.'
