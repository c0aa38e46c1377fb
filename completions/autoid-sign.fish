function __autoid-sign_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __autoid-sign_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __autoid-sign_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __autoid-sign_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __autoid-sign_parse_tokens -S
    set -l unparsed_tokens (__autoid-sign_tokens -pc)
    switch $unparsed_tokens[1]
    case 'autoid-sign'
        __autoid-sign_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'sign'
            __autoid-sign_parse_subcommand -r 1 'k/key=' 'o/output=' 'f/force' 'digest=+' 'cid' 'v/verbose' 'q/quiet' 'id=' 'chain=+' 'role=' 'source-type=' 'action=' 'ingredient=+' 'party=+' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'files-from=' '0/null' 'version' 'h/help'
        case 'cosign'
            __autoid-sign_parse_subcommand 1 'k/key=' 'id=' 'o/output=' 'f/force' 'v/verbose' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'version' 'h/help'
        case 'keygen'
            __autoid-sign_parse_subcommand 0 's/secret-key=' 'p/public-key=' 'f/force' 'passphrase' 'no-passphrase' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'hash'
            __autoid-sign_parse_subcommand -r 1 'a/algorithm=' 'c/check' 'q/quiet' 'status' 'ignore-missing' 'cid' 'name=' 'no-name' 'tag' 'z/zero' 'no-names' 'strict' 'num-threads=' 'files-from=' '0/null' 'v/verbose' 'version' 'h/help'
        case 'issue'
            __autoid-sign_parse_subcommand 0 'k/key=' 'issuer=' 'subject-key=' 'cn=' 'kind=' 'provider=' 'model=' 'model-version=' 'link=+' 'email=+' 'days=' 'ca' 'path-length=' 'o/output=' 'f/force' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'revoke'
            __autoid-sign_parse_subcommand 0 'k/key=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'issuer=' 'cert=+' 'serial=+' 'update=' 'days=' 'o/output=' 'f/force' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'attest'
            __autoid-sign_parse_subcommand 0 'k/key=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'attester=' 'subject=' 'factor=' 'days=' 'o/output=' 'f/force' 'v/verbose' 'version' 'h/help'
        case 'registry-action'
            __autoid-sign_parse_subcommand 0 'k/key=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'id=' 'nonce=' 'action=' 'json' 'v/verbose' 'version' 'h/help'
        case 'minisign'
            __autoid-sign_parse_subcommand -r 1 's/secret-key=' 'x/signature=' 'm/message=+' 't/trusted-comment=' 'c/comment=' 'l/legacy' 'signify' 'embed' 'f/force' 'files-from=' '0/null' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'v/verbose' 'version' 'h/help'
        case 'convert-key'
            __autoid-sign_parse_subcommand 1 'to=' 's/secret-key=' 'p/public-key=' 'W/unencrypted' 'passphrase' 'f/force' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'journal'
            __autoid-sign_parse_subcommand 1 'k/key=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'id=' 'o/output=' 'f/force' 'v/verbose' 'version' 'h/help'
        case 'account-list'
            __autoid-sign_parse_subcommand 1 'k/key=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'id=' 'o/output=' 'f/force' 'v/verbose' 'version' 'h/help'
        case 'proposal'
            __autoid-sign_parse_subcommand 1 'k/key=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'id=' 'o/output=' 'f/force' 'v/verbose' 'version' 'h/help'
        case 'ballot'
            __autoid-sign_parse_subcommand 1 'cosign=' 'choice=' 'voter=' 'assistant=' 'k/key=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'o/output=' 'f/force' 'v/verbose' 'version' 'h/help'
        case 'post'
            __autoid-sign_parse_subcommand 1 'cosign=' 'text-file=' 'author=' 'assistant=' 'k/key=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'o/output=' 'f/force' 'v/verbose' 'version' 'h/help'
        case 'review'
            __autoid-sign_parse_subcommand 0 'code-hash=' 'code=' 'kind=' 'reject' 'k/key=' 'passphrase-file=' 'passphrase-fd=' 'passphrase-env=' 'id=' 'o/output=' 'f/force' 'v/verbose' 'version' 'h/help'
        case 'help'
            __autoid-sign_parse_subcommand -r 1 'version'
        end
    end
end

function __autoid-sign_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __autoid-sign_parse_subcommand -S -a positional_count
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

function __autoid-sign_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __autoid-sign_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__autoid-sign_tokens -p)
    if test -z "$(__autoid-sign_tokens -t)"
        set -l index (count (__autoid-sign_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'autoid-sign' -f
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'sign' -d 'Sign files or standard input into one DSSE envelope (the default subcommand).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'cosign' -d 'Add your signature to a provenance envelope that names you as a party.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'keygen' -d 'Generate an Ed25519 key pair.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'hash' -d 'Print or check checksums, line for line like b3sum, sha256sum and b2sum (BLAKE3 by default).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'issue' -d 'Issue an Auto ID: a self-issued root, or a leaf signed by an issuer\'s Auto ID.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'revoke' -d 'Revoke Auto IDs: write the issuer\'s signed revocation list (an X.509 CRL).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'attest' -d 'Attest a personhood factor of another Auto ID (as an e-mail verifier, a peer...).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'registry-action' -d 'Sign an Auto ID registry action (revoke or deactivate) as pallet-auto-id checks it.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'minisign' -d 'Sign files into minisign signatures (.minisig), or signify\'s (.sig) with --signify.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'convert-key' -d 'Convert Ed25519 keys between autoid\'s PEM and minisign\'s format, both ways.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'journal' -d 'Sign a mint/burn journal as a token\'s issuer (for state-audit ledger --journal).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'account-list' -d 'Sign a list of accounts and the Auto IDs that control them (for state-audit ledger --account-list).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'proposal' -d 'Sign a DAO proposal as the DAO\'s issuer (for state-audit votes --signed-proposal).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'ballot' -d 'Cast a DAO ballot as a member, or as a member\'s AI assistant; or co-sign one (for state-audit votes).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'post' -d 'Sign a forum post on a DAO proposal as its author or the author\'s AI assistant; or co-sign one (for state-audit votes --post).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'review' -d 'Approve or reject contract code by its hash, as a reviewer or security auditor (for state-audit contracts).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_positional "autoid-sign" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" k key' -l 'key' -s 'k' -d 'Private key file (PKCS#8 PEM, Ed25519).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" o output' -l 'output' -s 'o' -d 'Write the envelope here (atomically) instead of standard output; - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign"' -l 'digest' -d 'Digest to record for each file; repeat for several (sha256, blake2b, blake3). Default: blake3 and sha256.' -rfka 'sha256 blake2b blake3'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" cid' -l 'cid' -d 'Record each file\'s Auto Drive CID in its subject (uri autodrive:CID): the CID of an uncompressed upload under the file\'s base name.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" id' -l 'id' -d 'Sign as this Auto ID: its certificate (PEM; its issuers may follow it, or come with --chain).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign"' -l 'chain' -d 'Issuer certificates (PEM) of --id and --party Auto IDs, up to their roots; repeat for several files.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" role' -l 'role' -d 'The signer\'s role (creator, contributor, editor, producer, publisher, sponsor, translator, ai-generator, ai-editor, ai-assistant).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" source-type' -l 'source-type' -d 'How the content came to be, as an IPTC digital source type (trainedAlgorithmicMedia, humanEdits, digitalCapture...).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" action' -l 'action' -d 'The C2PA action the signer took (default: c2pa.created, or c2pa.edited with a parentOf ingredient).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign"' -l 'ingredient' -d 'An earlier envelope this content derives from, with its relationship (parentOf, componentOf, inputTo; default parentOf); repeat for several.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign"' -l 'party' -d 'Name a co-signer in advance: its certificate chain and role; repeat for several.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" files-from' -l 'files-from' -d 'Also take the files named in this file, one per line (- for standard input).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" 0 null' -s '0' -l 'null' -d 'With --files-from, names end with a NUL byte instead of a newline.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign sign" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" k key' -l 'key' -s 'k' -d 'Private key file (PKCS#8 PEM, Ed25519).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" id' -l 'id' -d 'Your Auto ID certificate, checked against the party the key belongs to.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" o output' -l 'output' -s 'o' -d 'Write the envelope here (atomically) instead of standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" f force' -l 'force' -s 'f' -d 'Replace an existing --output file other than ENVELOPE (it keeps its mode).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign cosign" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" s secret-key' -s 's' -l 'secret-key' -d 'Where to write the private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" p public-key' -s 'p' -l 'public-key' -d 'Where to write the public key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" f force' -l 'force' -s 'f' -d 'Replace existing key files.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" passphrase' -l 'passphrase' -d 'Encrypt the private key with a passphrase, asked twice on the terminal unless a --passphrase-* option gives it (default: --no-passphrase, unless such an option is given).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" no-passphrase' -l 'no-passphrase' -d 'Encrypt the private key with a passphrase, asked twice on the terminal unless a --passphrase-* option gives it (default: --no-passphrase, unless such an option is given).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign keygen" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" a algorithm' -l 'algorithm' -s 'a' -d 'Digest algorithm (sha256, blake2b, blake3).' -rfka 'sha256 blake2b blake3'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" c check' -l 'check' -s 'c' -d 'Read checksum lists from the FILEs and check them.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" q quiet' -l 'quiet' -s 'q' -d 'With --check, print only failures.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" status' -l 'status' -d 'With --check, print nothing on standard output; the exit status tells the verdict.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" ignore-missing' -l 'ignore-missing' -d 'With --check, skip listed files that do not exist instead of failing.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" cid' -l 'cid' -d 'Print each file\'s Auto Drive CID instead of a digest.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" name' -l 'name' -d 'With --cid, the name recorded in the CID\'s root node (default: the file\'s base name).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" no-name' -l 'no-name' -d 'With --cid, record no name (as for standard input).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" tag' -l 'tag' -d 'Print BSD-style lines, TAG (NAME) = HEX, as \'sha256sum --tag\' (--check reads both forms).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" z zero' -s 'z' -l 'zero' -d 'End each output line with a NUL byte instead of a newline, and leave names unescaped.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" no-names' -l 'no-names' -d 'Print only the digests, as \'b3sum --no-names\'.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" strict' -l 'strict' -d 'With --check, fail on improperly formatted lines (always the case here: exit 3); accepted for coreutils scripts.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" num-threads' -l 'num-threads' -d 'Hash each input with at most N threads (default: one per core), as \'b3sum --num-threads\'.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" files-from' -l 'files-from' -d 'Also take the files named in this file, one per line (- for standard input).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" 0 null' -s '0' -l 'null' -d 'With --files-from, names end with a NUL byte instead of a newline.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign hash" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" k key' -l 'key' -s 'k' -d 'The signing key: the root\'s own key, or the issuer\'s key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" issuer' -l 'issuer' -d 'The issuer\'s Auto ID certificate (PEM); omit for a root.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" subject-key' -l 'subject-key' -d 'The subject\'s public key (with --issuer).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" cn' -l 'cn' -d 'The subject\'s name (common name). Names that could print as another are refused: control and direction characters, words mixing look-alike scripts (a Cyrillic \'а\' among Latin letters).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" kind' -l 'kind' -d 'human, ai-model, ai-agent or organisation.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" provider' -l 'provider' -d 'For AI subjects: who provides the model.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" model' -l 'model' -d 'For AI subjects: the model\'s name.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" model-version' -l 'model-version' -d 'For AI subjects: the model\'s version.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue"' -l 'link' -d 'A linked online identity (URI); repeat for several.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue"' -l 'email' -d 'A linked e-mail address; repeat for several.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" days' -l 'days' -d 'Days of validity from now.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" ca' -l 'ca' -d 'Let the subject issue Auto IDs itself (a leaf that is also a certificate authority).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" path-length' -l 'path-length' -d 'Limit how many certificate authorities may follow below this one.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" o output' -l 'output' -s 'o' -d 'Write the certificate here instead of standard output; - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" f force' -l 'force' -s 'f' -d 'Replace an existing output file.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign issue" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" k key' -l 'key' -s 'k' -d 'The issuer\'s private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" issuer' -l 'issuer' -d 'The issuer\'s Auto ID certificate.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke"' -l 'cert' -d 'An Auto ID to revoke; repeat for several.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke"' -l 'serial' -d 'A serial number (hex, colons allowed) to revoke; repeat for several.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" update' -l 'update' -d 'The issuer\'s current revocation list, whose entries are kept.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" days' -l 'days' -d 'Days until verifiers should expect a newer list.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" o output' -l 'output' -s 'o' -d 'Where to write the new list (PEM).; - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign revoke" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" k key' -l 'key' -s 'k' -d 'The attester\'s private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" attester' -l 'attester' -d 'The attester\'s Auto ID, followed by its chain (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" subject' -l 'subject' -d 'The subject\'s Auto ID, followed by its chain up to its root (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" factor' -l 'factor' -d 'TYPE:VALUE, e.g. email:alice@example.org.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" days' -l 'days' -d 'Days the attestation stays valid.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" o output' -l 'output' -s 'o' -d 'Where to write the attestation (JSON).; - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign attest" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" k key' -l 'key' -s 'k' -d 'The private key of the Auto ID entitled to act.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" id' -l 'id' -d 'The Auto ID identifier the action is on (hex).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" nonce' -l 'nonce' -d 'The Auto ID\'s current nonce in the registry (decimal or 0x hex).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" action' -l 'action' -d 'revoke (RevokeCertificate) or deactivate (DeactivateAutoId).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" json' -l 'json' -d 'Print JSON instead of two lines.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign registry-action" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" k key s secret-key' -s 's' -l 'secret-key' -s 'k' -l 'key' -d 'Secret key: minisign\'s .key or an autoid PEM private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" signature x' -s 'x' -l 'signature' -d 'Where to write the signature, when one FILE is signed (default: FILE.minisig, or FILE.sig with --signify).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign"' -s 'm' -l 'message' -d 'A file to sign, as minisign -m takes it (repeatable).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" t trusted-comment' -s 't' -l 'trusted-comment' -d 'The trusted comment (signed; default: timestamp and file name).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" c comment' -s 'c' -l 'comment' -d 'The untrusted comment (not signed).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" l legacy' -s 'l' -l 'legacy' -d 'Sign the whole file (Ed) instead of its BLAKE2b-512 (ED); for verifiers older than minisign 0.8.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" signify' -l 'signify' -d 'Write signify signatures (FILE.sig) instead of minisign\'s.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" embed' -l 'embed' -d 'With --signify, put the signed file after the signature (signify -S -e).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" f force' -l 'force' -s 'f' -d 'Replace existing signature files (they keep their mode).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" files-from' -l 'files-from' -d 'Also take the files named in this file, one per line (- for standard input).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" 0 null' -s '0' -l 'null' -d 'With --files-from, names end with a NUL byte instead of a newline.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign minisign" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" to' -l 'to' -d 'The format to write: minisign or pem (default: the other one).' -rfka 'minisign pem'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" s secret-key' -s 's' -l 'secret-key' -d 'Where to write the secret key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" p public-key' -s 'p' -l 'public-key' -d 'Where to write the public key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" W unencrypted' -s 'W' -l 'unencrypted' -d 'Write the secret key without a passphrase.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" passphrase' -l 'passphrase' -d 'Protect the new secret key with a passphrase asked twice on the terminal (when KEY is not encrypted).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" f force' -l 'force' -s 'f' -d 'Replace existing files.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" q quiet' -l 'quiet' -s 'q' -d 'Print nothing but errors and warnings; the exit status tells the outcome.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign convert-key" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" k key' -l 'key' -s 'k' -d 'The issuer\'s private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" id' -l 'id' -d 'The issuer\'s Auto ID, followed by its chain (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" o output' -l 'output' -s 'o' -d 'Where to write the signed journal (JSON); - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign journal" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" k key' -l 'key' -s 'k' -d 'The issuer\'s private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" id' -l 'id' -d 'The issuer\'s Auto ID, followed by its chain (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" o output' -l 'output' -s 'o' -d 'Where to write the signed list (JSON); - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign account-list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" k key' -l 'key' -s 'k' -d 'The issuer\'s private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" id' -l 'id' -d 'The DAO issuer\'s Auto ID, followed by its chain (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" o output' -l 'output' -s 'o' -d 'Where to write the signed proposal (JSON); - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign proposal" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" cosign' -l 'cosign' -d 'Co-sign this ballot instead of casting one.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" choice' -l 'choice' -d 'The choice, one of the proposal\'s.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" voter' -l 'voter' -d 'The voter\'s Auto ID, followed by its chain (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" assistant' -l 'assistant' -d 'The AI assistant casting it for the voter: its Auto ID and chain (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" k key' -l 'key' -s 'k' -d 'The signer\'s private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" o output' -l 'output' -s 'o' -d 'Where to write the ballot (JSON); - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode); co-signing in place needs no --force.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign ballot" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" cosign' -l 'cosign' -d 'Co-sign this post instead of making one.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" text-file' -l 'text-file' -d 'The post\'s text (UTF-8; - for standard input).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" author' -l 'author' -d 'The author\'s Auto ID, followed by its chain (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" assistant' -l 'assistant' -d 'The AI assistant drafting it for the author: its Auto ID and chain (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" k key' -l 'key' -s 'k' -d 'The signer\'s private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" o output' -l 'output' -s 'o' -d 'Where to write the post (JSON); - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode); co-signing in place needs no --force.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign post" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" code-hash' -l 'code-hash' -d 'The code hash: 0x and 64 hex digits.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" code' -l 'code' -d 'A file holding the deployed code\'s bytes, hashed with Keccak-256.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" kind' -l 'kind' -d 'review or security-audit.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" reject' -l 'reject' -d 'Reject the code instead of approving it.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" k key' -l 'key' -s 'k' -d 'The attester\'s private key.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" passphrase-file' -l 'passphrase-file' -d 'Read the key\'s passphrase from the first line of this file.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" passphrase-fd' -l 'passphrase-fd' -d 'Read the key\'s passphrase from this inherited file descriptor, up to a newline.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" passphrase-env' -l 'passphrase-env' -d 'Read the key\'s passphrase from this environment variable.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" id' -l 'id' -d 'The attester\'s Auto ID, followed by its chain (PEM).' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" o output' -l 'output' -s 'o' -d 'Where to write the attestation (JSON); - is standard output.' -rfka ''
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" f force' -l 'force' -s 'f' -d 'Replace an existing --output file (it keeps its mode).'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" v verbose' -l 'verbose' -s 'v' -d 'Print the cause of errors in full.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" version' -l 'version' -d 'Show the version.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign review" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'autoid-sign' -n '__autoid-sign_should_offer_completions_for_flags_or_options "autoid-sign help" version' -l 'version' -d 'Show the version.'
