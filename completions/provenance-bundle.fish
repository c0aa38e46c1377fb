function __provenance-bundle_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __provenance-bundle_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __provenance-bundle_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __provenance-bundle_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __provenance-bundle_parse_tokens -S
    set -l unparsed_tokens (__provenance-bundle_tokens -pc)
    switch $unparsed_tokens[1]
    case 'provenance-bundle'
        __provenance-bundle_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'create'
            __provenance-bundle_parse_subcommand -r 1 'o/output=' 'f/force' 'format=' 'content=+' 'from-tar=' 'cert=+' 'crl=+' 'proof=+' 'header=+' 'v/verbose' 'files-from=' '0/null' 'version' 'h/help'
        case 'verify'
            __provenance-bundle_parse_subcommand 1 'k/key=' 'trust=' 'crl=+' 'search=+' 'threshold=' 'require-role=+' 'require-human' 'allow-undisclosed-ai' 'require-issuer=+' 'policy=' 'registry-proof=' 'header=' 'registry-state-version=' 'pallet=' 'max-depth=' 'json' 'q/quiet' 'v/verbose' 'version' 'h/help'
        case 'extract'
            __provenance-bundle_parse_subcommand 1 'C=' 'k/key=' 'trust=' 'crl=+' 'search=+' 'threshold=' 'require-role=+' 'require-human' 'allow-undisclosed-ai' 'require-issuer=+' 'policy=' 'registry-proof=' 'header=' 'registry-state-version=' 'pallet=' 'max-depth=' 'no-verify' 'q/quiet' 'v/verbose' 'version' 'h/help'
        case 'list'
            __provenance-bundle_parse_subcommand 1 'json' 'v/verbose' 'version' 'h/help'
        case 'xmp'
            __provenance-bundle_parse_subcommand 1 'envelope=' 'o/output=' 'f/force' 'read' 'media=' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'help'
            __provenance-bundle_parse_subcommand -r 1 'version'
        end
    end
end

function __provenance-bundle_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __provenance-bundle_parse_subcommand -S -a positional_count
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

function __provenance-bundle_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __provenance-bundle_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__provenance-bundle_tokens -p)
    if test -z "$(__provenance-bundle_tokens -t)"
        set -l index (count (__provenance-bundle_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'provenance-bundle' -f
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle" version' -l 'version' -d 'Show the version.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_positional "provenance-bundle" -eq 1' -fa 'create' -d 'Pack envelopes, their content, certificates, revocation lists and proofs into one archive.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_positional "provenance-bundle" -eq 1' -fa 'verify' -d 'Verify a bundle in one streaming pass, without extracting it.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_positional "provenance-bundle" -eq 1' -fa 'extract' -d 'Extract a bundle into a directory after verifying it; all or nothing.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_positional "provenance-bundle" -eq 1' -fa 'list' -d 'Show what a bundle holds and what each envelope says (without verifying).'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_positional "provenance-bundle" -eq 1' -fa 'xmp' -d 'Write an XMP sidecar linking a media file to its manifest, or check one (--read).'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_positional "provenance-bundle" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create" o output' -l 'output' -s 'o' -d 'The bundle to write (atomically); - for standard output.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode).'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create" format' -l 'format' -d 'Archive format: tar, tar.gz, tar.zst, zip.' -rfka 'tar ustar tar.gz tar.zst zip'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create"' -l 'content' -d 'A content file or directory; repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create" from-tar' -l 'from-tar' -d 'Take content from a tar stream (- for standard input).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create"' -l 'cert' -d 'A certificate chain (PEM) to carry; repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create"' -l 'crl' -d 'A revocation list to carry; repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create"' -l 'proof' -d 'A registry read proof to carry (needs --header); repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create"' -l 'header' -d 'A block header the proofs are checked against; repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create" files-from' -l 'files-from' -d 'Also take the files named in this file, one per line (- for standard input).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create" 0 null' -s '0' -l 'null' -d 'With --files-from, names end with a NUL byte instead of a newline.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create" version' -l 'version' -d 'Show the version.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" k key' -l 'key' -s 'k' -d 'Public key file (SubjectPublicKeyInfo PEM, Ed25519).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" trust' -l 'trust' -d 'Verify the parties\' Auto IDs against these roots (a PEM file or a folder of them) instead of a --key.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify"' -l 'crl' -d 'A revocation list from an issuer of a party; repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify"' -l 'search' -d 'A folder to look in for ingredient envelopes (after the envelope\'s own folder); repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" threshold' -l 'threshold' -d 'Accept an envelope signed by at least this many named parties (default: every named party).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify"' -l 'require-role' -d 'A party in this role must have signed the top envelope; repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" require-human' -l 'require-human' -d 'A human party must have signed the top envelope.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" allow-undisclosed-ai' -l 'allow-undisclosed-ai' -d 'Accept AI parties\' actions without a digital source type (AI disclosure is required by default).'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify"' -l 'require-issuer' -d 'Every party must chain through this issuer certificate; repeat to allow several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" policy' -l 'policy' -d 'A JSON policy file (autoid-provenance(5)); its rules add to the options given here.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" registry-proof' -l 'registry-proof' -d 'A read proof (state_getReadProof) of the Auto ID registry\'s entries for every party, checked against --header.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" header' -l 'header' -d 'The trusted block header (chain_getHeader JSON or SCALE hex) whose state root --registry-proof is checked against.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" registry-state-version' -l 'registry-state-version' -d 'Trie layout of the registry\'s chain: 0 or 1 (default 1).' -rfka '0 1'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" pallet' -l 'pallet' -d 'The registry pallet\'s name in the runtime (default AutoId).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" max-depth' -l 'max-depth' -d 'Follow ingredients at most this deep (default 16).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" json' -l 'json' -d 'Print a JSON report on standard output.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" q quiet' -l 'quiet' -s 'q' -d 'Print nothing; the exit status tells the verdict.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" version' -l 'version' -d 'Show the version.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" C' -s 'C' -d 'The directory to extract into (made if absent).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" k key' -l 'key' -s 'k' -d 'Public key file (SubjectPublicKeyInfo PEM, Ed25519).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" trust' -l 'trust' -d 'Verify the parties\' Auto IDs against these roots (a PEM file or a folder of them) instead of a --key.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract"' -l 'crl' -d 'A revocation list from an issuer of a party; repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract"' -l 'search' -d 'A folder to look in for ingredient envelopes (after the envelope\'s own folder); repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" threshold' -l 'threshold' -d 'Accept an envelope signed by at least this many named parties (default: every named party).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract"' -l 'require-role' -d 'A party in this role must have signed the top envelope; repeat for several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" require-human' -l 'require-human' -d 'A human party must have signed the top envelope.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" allow-undisclosed-ai' -l 'allow-undisclosed-ai' -d 'Accept AI parties\' actions without a digital source type (AI disclosure is required by default).'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract"' -l 'require-issuer' -d 'Every party must chain through this issuer certificate; repeat to allow several.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" policy' -l 'policy' -d 'A JSON policy file (autoid-provenance(5)); its rules add to the options given here.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" registry-proof' -l 'registry-proof' -d 'A read proof (state_getReadProof) of the Auto ID registry\'s entries for every party, checked against --header.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" header' -l 'header' -d 'The trusted block header (chain_getHeader JSON or SCALE hex) whose state root --registry-proof is checked against.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" registry-state-version' -l 'registry-state-version' -d 'Trie layout of the registry\'s chain: 0 or 1 (default 1).' -rfka '0 1'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" pallet' -l 'pallet' -d 'The registry pallet\'s name in the runtime (default AutoId).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" max-depth' -l 'max-depth' -d 'Follow ingredients at most this deep (default 16).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" no-verify' -l 'no-verify' -d 'Extract without checking signatures (dangerous; warns).'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" q quiet' -l 'quiet' -s 'q' -d 'Print nothing on standard output.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" version' -l 'version' -d 'Show the version.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle extract" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle list" json' -l 'json' -d 'Print the listing as JSON.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle list" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle list" version' -l 'version' -d 'Show the version.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle xmp" envelope' -l 'envelope' -d 'The envelope (signed manifest) to link the media to.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle xmp" o output' -l 'output' -s 'o' -d 'Write the sidecar here instead of MEDIA.xmp.' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle xmp" f force' -l 'force' -s 'f' -d 'Replace an existing sidecar (it keeps its mode).'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle xmp" read' -l 'read' -d 'Check the sidecar FILE instead of writing one.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle xmp" media' -l 'media' -d 'With --read: the media file (default: the sidecar\'s name without .xmp).' -rfka ''
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle xmp" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle xmp" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle xmp" version' -l 'version' -d 'Show the version.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle xmp" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'provenance-bundle' -n '__provenance-bundle_should_offer_completions_for_flags_or_options "provenance-bundle help" version' -l 'version' -d 'Show the version.'
