function __state-audit_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __state-audit_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __state-audit_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __state-audit_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __state-audit_parse_tokens -S
    set -l unparsed_tokens (__state-audit_tokens -pc)
    switch $unparsed_tokens[1]
    case 'state-audit'
        __state-audit_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'chain-spec'
            __state-audit_parse_subcommand 1 'state-version=' 'expect-genesis-hash=' 'expect-state-root=' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'snapshot'
            __state-audit_parse_subcommand 1 'state-version=' 'header=' 'against=' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'proof'
            __state-audit_parse_subcommand 1 'key=+' 'root=' 'header=' 'state-version=' 'strict' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'headers'
            __state-audit_parse_subcommand -r 1 'expect-last=' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'registry'
            __state-audit_parse_subcommand 1 'pallet=' 'state-version=' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'ledger'
            __state-audit_parse_subcommand 1 'existential-deposit=' 'token-symbol=' 'token-decimals=' 'system-pallet=' 'balances-pallet=' 'previous=' 'journal=+' 'trust=' 'crl=+' 'require-auto-id' 'auto-ids=' 'account-list=+' 'registry=' 'registry-pallet=' 'ss58-format=' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'votes'
            __state-audit_parse_subcommand -r 2 'members=' 'trust=' 'crl=+' 'result=' 'signed-proposal' 'post=+' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'contracts'
            __state-audit_parse_subcommand -r 1 'snapshot=' 'list=' 'pallet=' 'governance=' 'auditors=' 'crl=+' 'approvals=' 'audits=' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'log'
            __state-audit_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'root'
                __state-audit_parse_subcommand -r 1 'leaf-hashes=' 'origin=' 'json' 'v/verbose' 'version' 'h/help'
            case 'prove'
                __state-audit_parse_subcommand -r 1 'leaf-hashes=' 'consistency=' 'inclusion=+' 'subtree=' 'o/output=' 'v/verbose' 'version' 'h/help'
            case 'sign'
                __state-audit_parse_subcommand 1 'key=' 'name=' 'cosign' 'time=' 'o/output=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'v/verbose' 'version' 'h/help'
            case 'vkey'
                __state-audit_parse_subcommand 0 'public-key=' 'name=' 'cosign' 'v/verbose' 'version' 'h/help'
            case 'audit'
                __state-audit_parse_subcommand 1 'state=' 'proof=' 'key=+' 'witness=+' 'witness-threshold=' 'origin=' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
            case 'inclusion'
                __state-audit_parse_subcommand -r 2 'leaf-hash=+' 'proof=' 'key=+' 'witness=+' 'witness-threshold=' 'origin=' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
            case 'subtree'
                __state-audit_parse_subcommand 1 'subtree-hash=' 'proof=' 'key=+' 'witness=+' 'witness-threshold=' 'origin=' 'json' 'junit=' 'force' 'v/verbose' 'q/quiet' 'version' 'h/help'
            end
        case 'help'
            __state-audit_parse_subcommand -r 1 'version'
        end
    end
end

function __state-audit_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __state-audit_parse_subcommand -S -a positional_count
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

function __state-audit_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __state-audit_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__state-audit_tokens -p)
    if test -z "$(__state-audit_tokens -t)"
        set -l index (count (__state-audit_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'state-audit' -f
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'chain-spec' -d 'Compute the genesis state root and block hash of a raw chain spec.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'snapshot' -d 'Recompute the state root of a snapshot and check it against a block header.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'proof' -d 'Verify a read proof for storage keys against a state root or header.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'headers' -d 'Check that block headers link: each parentHash is the previous header\'s hash.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'registry' -d 'Audit the Auto ID registry (pallet-auto-id) in a state snapshot.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'ledger' -d 'Audit the balances ledger in a snapshot: every account decodes, and balances sum to the total issuance.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'votes' -d 'Check a DAO proposal\'s ballots against its member list, tally them and check the published result.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'contracts' -d 'Check that every deployed contract\'s code has enough reviewer approvals and a security audit.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'log' -d 'Audit append-only Merkle logs: RFC 9162 roots and proofs, signed checkpoints, witnesses.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" state-version' -l 'state-version' -d 'Trie layout: 0 or 1 (default: from the runtime in :code).' -rfka '0 1'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" expect-genesis-hash' -l 'expect-genesis-hash' -d 'Check the genesis block hash against this value.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" expect-state-root' -l 'expect-state-root' -d 'Check the genesis state root against this value.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit chain-spec" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" state-version' -l 'state-version' -d 'Trie layout: 0 or 1 (default: from the runtime in :code).' -rfka '0 1'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" header' -l 'header' -d 'A block header whose stateRoot the snapshot must match.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" against' -l 'against' -d 'Another snapshot to compare with: the roots must match, and differing keys are reported.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit snapshot" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof"' -l 'key' -d 'A storage key: hex, or Pallet.Item. Repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" root' -l 'root' -d 'The state root to verify against.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" header' -l 'header' -d 'A block header (chain_getHeader JSON or SCALE hex) whose stateRoot to use.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" state-version' -l 'state-version' -d 'Trie layout: 0 or 1.' -rfka '0 1'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" strict' -l 'strict' -d 'Fail when the proof carries nodes the keys did not need.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit proof" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit headers" expect-last' -l 'expect-last' -d 'The hash the last header must have.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit headers" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit headers" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit headers" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit headers" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit headers" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit headers" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit headers" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit registry" pallet' -l 'pallet' -d 'The pallet\'s name in the runtime.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit registry" state-version' -l 'state-version' -d 'Trie layout for the state root: 0 or 1 (default: from the runtime in :code, if any).' -rfka '0 1'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit registry" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit registry" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit registry" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit registry" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit registry" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit registry" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit registry" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" existential-deposit' -l 'existential-deposit' -d 'The existential deposit in the smallest unit (default: the chain spec\'s, if any).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" token-symbol' -l 'token-symbol' -d 'The token symbol amounts print with (default: the chain spec\'s tokenSymbol).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" token-decimals' -l 'token-decimals' -d 'Decimals between the smallest unit and one token (default: the chain spec\'s tokenDecimals).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" system-pallet' -l 'system-pallet' -d 'The system pallet\'s name in the runtime.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" balances-pallet' -l 'balances-pallet' -d 'The balances pallet\'s name in the runtime.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" previous' -l 'previous' -d 'An earlier snapshot: the change since it must be explained by the journals.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger"' -l 'journal' -d 'A signed mint/burn journal (DSSE envelope) for the period; repeat, in order.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" trust' -l 'trust' -d 'Trust roots the journals\' issuers must chain to (PEM file or folder).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger"' -l 'crl' -d 'A revocation list from an issuer in a journal\'s chain; repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" require-auto-id' -l 'require-auto-id' -d 'Every funded account must resolve to a valid, unrevoked Auto ID among --auto-ids (its Ed25519 key, or an --account-list).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" auto-ids' -l 'auto-ids' -d 'Auto IDs (with their chains) accounts resolve to (PEM file or folder).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger"' -l 'account-list' -d 'A signed account list mapping accounts to Auto IDs (DSSE envelope); repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" registry' -l 'registry' -d 'A snapshot with the Auto ID registry (pallet-auto-id): resolved Auto IDs must be registered there, unrevoked.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" registry-pallet' -l 'registry-pallet' -d 'The registry pallet\'s name in the runtime (default AutoId).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" ss58-format' -l 'ss58-format' -d 'The SS58 address format accounts also print in (default: the chain spec\'s ss58Format).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit ledger" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" members' -l 'members' -d 'The DAO\'s member list: their Auto IDs (PEM).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" trust' -l 'trust' -d 'Trust roots members and assistants must chain to (PEM file or folder).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes"' -l 'crl' -d 'A revocation list from an issuer of members; repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" result' -l 'result' -d 'The published result (JSON) the tally must equal.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" signed-proposal' -l 'signed-proposal' -d 'The proposal must be signed by the DAO\'s issuer (a DSSE envelope); an unsigned one fails.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes"' -l 'post' -d 'A forum post on the proposal (DSSE envelope); repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit votes" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" snapshot' -l 'snapshot' -d 'A snapshot of the EVM domain\'s state.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" list' -l 'list' -d 'A list of deployed code hashes instead of a snapshot.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" pallet' -l 'pallet' -d 'The EVM pallet\'s name in the runtime.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" governance' -l 'governance' -d 'Roots the reviewers\' Auto IDs chain to (the governance issuer).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" auditors' -l 'auditors' -d 'Roots the security auditors\' Auto IDs chain to.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts"' -l 'crl' -d 'A revocation list from an issuer of reviewers or auditors; repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" approvals' -l 'approvals' -d 'Distinct reviewer approvals each code hash needs.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" audits' -l 'audits' -d 'Security audits each code hash needs.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit contracts" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit log" -eq 1' -fa 'root' -d 'Compute the RFC 9162 Merkle root of entries or leaf hashes.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit log" -eq 1' -fa 'prove' -d 'Write an RFC 9162 consistency or inclusion proof file, or a subtree consistency proof, for a list of leaves.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit log" -eq 1' -fa 'sign' -d 'Sign a checkpoint with an Ed25519 key: as the log, or as a witness (--cosign).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit log" -eq 1' -fa 'vkey' -d 'Print the verifier key (NAME+HINT+BASE64) of an Ed25519 public key.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit log" -eq 1' -fa 'audit' -d 'Check that a new checkpoint extends the last audited one, then remember it.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit log" -eq 1' -fa 'inclusion' -d 'Verify that entries (files or leaf hashes) are in the tree of a signed checkpoint.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_positional "state-audit log" -eq 1' -fa 'subtree' -d 'Verify that a subtree with a known hash is in the tree of a signed checkpoint.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log root" leaf-hashes' -l 'leaf-hashes' -d 'A file (or - for standard input) of leaf hashes, one per line, base64 or hex.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log root" origin' -l 'origin' -d 'Print a checkpoint body for this origin instead.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log root" json' -l 'json' -d 'Print JSON: {"size": N, "root": BASE64}.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log root" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log root" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log root" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log prove" leaf-hashes' -l 'leaf-hashes' -d 'A file (or - for standard input) of leaf hashes, one per line, base64 or hex.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log prove" consistency' -l 'consistency' -d 'Prove consistency from this tree size to the whole list.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log prove"' -l 'inclusion' -d 'Prove inclusion of the leaf at this 0-based index. Repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log prove" subtree' -l 'subtree' -d 'Prove that the subtree of leaves START up to END-1 is in the tree (START a multiple of the smallest power of two >= END-START).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log prove" o output' -s 'o' -l 'output' -d 'Write the proof to this file, atomically (default: standard output).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log prove" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log prove" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log prove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" key' -l 'key' -d 'The private key (PEM).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" name' -l 'name' -d 'The key name on the signature line (default: the checkpoint\'s origin; required with --cosign).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" cosign' -l 'cosign' -d 'Add a witness cosignature (cosignature/v1, type 4) instead of a log signature.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" time' -l 'time' -d 'The cosignature\'s time, seconds since the epoch (default: now).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" o output' -s 'o' -l 'output' -d 'Write the signed checkpoint to this file, atomically (default: standard output).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log sign" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log vkey" public-key' -l 'public-key' -d 'The public key (PEM or DER).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log vkey" name' -l 'name' -d 'The key name: the log\'s origin, or the witness\'s name.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log vkey" cosign' -l 'cosign' -d 'The key makes cosignature/v1 signatures (type 4), as \'log sign --cosign\' does.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log vkey" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log vkey" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log vkey" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" state' -l 'state' -d 'The state file: the last accepted checkpoint (created on first use).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" proof' -l 'proof' -d 'A consistency proof file from the stored tree size to the new one.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit"' -l 'key' -d 'A verifier key of the log (NAME+HINT+BASE64). Repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit"' -l 'witness' -d 'A witness\'s verifier key (note signature or cosignature/v1). Repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" witness-threshold' -l 'witness-threshold' -d 'How many distinct witnesses must have signed.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" origin' -l 'origin' -d 'The origin the checkpoint must name (default: the name of a --key).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log audit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion"' -l 'leaf-hash' -d 'A leaf hash (base64 or hex) instead of an entry file. Repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" proof' -l 'proof' -d 'The inclusion proof file.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion"' -l 'key' -d 'A verifier key of the log (NAME+HINT+BASE64). Repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion"' -l 'witness' -d 'A witness\'s verifier key (note signature or cosignature/v1). Repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" witness-threshold' -l 'witness-threshold' -d 'How many distinct witnesses must have signed.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" origin' -l 'origin' -d 'The origin the checkpoint must name (default: the name of a --key).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log inclusion" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" subtree-hash' -l 'subtree-hash' -d 'The subtree\'s hash (base64 or hex).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" proof' -l 'proof' -d 'The subtree consistency proof file.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree"' -l 'key' -d 'A verifier key of the log (NAME+HINT+BASE64). Repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree"' -l 'witness' -d 'A witness\'s verifier key (note signature or cosignature/v1). Repeat for several.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" witness-threshold' -l 'witness-threshold' -d 'How many distinct witnesses must have signed.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" origin' -l 'origin' -d 'The origin the checkpoint must name (default: the name of a --key).' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" json' -l 'json' -d 'Print a JSON report on standard output instead of text.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" junit' -l 'junit' -d 'Also write a JUnit XML report (one test case per check) to this file, atomically.' -rfka ''
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" force' -l 'force' -d 'Replace an existing --junit file (it keeps its mode).'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" version' -l 'version' -d 'Show the version.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit log subtree" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'state-audit' -n '__state-audit_should_offer_completions_for_flags_or_options "state-audit help" version' -l 'version' -d 'Show the version.'
