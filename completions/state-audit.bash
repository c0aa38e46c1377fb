#!/bin/bash

__state-audit_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__state-audit_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__state-audit_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__state-audit_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_state-audit() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __state-audit_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    chain-spec|snapshot|proof|headers|registry|ledger|votes|contracts|log|help)
        # Offer subcommand argument completions
        "_state-audit_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'chain-spec snapshot proof headers registry ledger votes contracts log help' -- "${cur}"))
        ;;
    esac
}

_state-audit_chain-spec() {
    repeating_flags=()
    non_repeating_flags=(--json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-version --expect-genesis-hash --expect-state-root --junit)
    __state-audit_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--state-version')
        __state-audit_add_completions -W '0'$'\n''1'
        return
        ;;
    '--expect-genesis-hash')
        return
        ;;
    '--expect-state-root')
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_snapshot() {
    repeating_flags=()
    non_repeating_flags=(--json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-version --header --against --junit)
    __state-audit_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--state-version')
        __state-audit_add_completions -W '0'$'\n''1'
        return
        ;;
    '--header')
        return
        ;;
    '--against')
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_proof() {
    repeating_flags=()
    non_repeating_flags=(--strict --json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=(--key)
    non_repeating_options=(--root --header --state-version --junit)
    __state-audit_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--key')
        return
        ;;
    '--root')
        return
        ;;
    '--header')
        return
        ;;
    '--state-version')
        __state-audit_add_completions -W '0'$'\n''1'
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_headers() {
    repeating_flags=()
    non_repeating_flags=(--json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--expect-last --junit)
    __state-audit_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--expect-last')
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_registry() {
    repeating_flags=()
    non_repeating_flags=(--json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--pallet --state-version --junit)
    __state-audit_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--pallet')
        return
        ;;
    '--state-version')
        __state-audit_add_completions -W '0'$'\n''1'
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_ledger() {
    repeating_flags=()
    non_repeating_flags=(--require-auto-id --json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=(--journal --crl --account-list)
    non_repeating_options=(--existential-deposit --token-symbol --token-decimals --system-pallet --balances-pallet --previous --trust --auto-ids --registry --registry-pallet --ss58-format --junit)
    __state-audit_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--existential-deposit')
        return
        ;;
    '--token-symbol')
        return
        ;;
    '--token-decimals')
        return
        ;;
    '--system-pallet')
        return
        ;;
    '--balances-pallet')
        return
        ;;
    '--previous')
        return
        ;;
    '--journal')
        return
        ;;
    '--trust')
        return
        ;;
    '--crl')
        return
        ;;
    '--auto-ids')
        return
        ;;
    '--account-list')
        return
        ;;
    '--registry')
        return
        ;;
    '--registry-pallet')
        return
        ;;
    '--ss58-format')
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_votes() {
    repeating_flags=()
    non_repeating_flags=(--signed-proposal --json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=(--crl --post)
    non_repeating_options=(--members --trust --result --junit)
    __state-audit_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--members')
        return
        ;;
    '--trust')
        return
        ;;
    '--crl')
        return
        ;;
    '--result')
        return
        ;;
    '--post')
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_contracts() {
    repeating_flags=()
    non_repeating_flags=(--json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=(--crl)
    non_repeating_options=(--snapshot --list --pallet --governance --auditors --approvals --audits --junit)
    __state-audit_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--snapshot')
        return
        ;;
    '--list')
        return
        ;;
    '--pallet')
        return
        ;;
    '--governance')
        return
        ;;
    '--auditors')
        return
        ;;
    '--crl')
        return
        ;;
    '--approvals')
        return
        ;;
    '--audits')
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_log() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __state-audit_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    root|prove|sign|vkey|audit|inclusion|subtree)
        # Offer subcommand argument completions
        "_state-audit_log_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'root prove sign vkey audit inclusion subtree' -- "${cur}"))
        ;;
    esac
}

_state-audit_log_root() {
    repeating_flags=()
    non_repeating_flags=(--json --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--leaf-hashes --origin)
    __state-audit_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--leaf-hashes')
        return
        ;;
    '--origin')
        return
        ;;
    esac
}

_state-audit_log_prove() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --version -h --help)
    repeating_options=(--inclusion)
    non_repeating_options=(--leaf-hashes --consistency --subtree -o --output)
    __state-audit_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--leaf-hashes')
        return
        ;;
    '--consistency')
        return
        ;;
    '--inclusion')
        return
        ;;
    '--subtree')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    esac
}

_state-audit_log_sign() {
    repeating_flags=()
    non_repeating_flags=(--cosign --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--key --name --time -o --output --passphrase-file --passphrase-fd --passphrase-env)
    __state-audit_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--key')
        return
        ;;
    '--name')
        return
        ;;
    '--time')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--passphrase-file')
        return
        ;;
    '--passphrase-fd')
        return
        ;;
    '--passphrase-env')
        return
        ;;
    esac
}

_state-audit_log_vkey() {
    repeating_flags=()
    non_repeating_flags=(--cosign --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--public-key --name)
    __state-audit_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--public-key')
        return
        ;;
    '--name')
        return
        ;;
    esac
}

_state-audit_log_audit() {
    repeating_flags=()
    non_repeating_flags=(--json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=(--key --witness)
    non_repeating_options=(--state --proof --witness-threshold --origin --junit)
    __state-audit_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--state')
        return
        ;;
    '--proof')
        return
        ;;
    '--key')
        return
        ;;
    '--witness')
        return
        ;;
    '--witness-threshold')
        return
        ;;
    '--origin')
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_log_inclusion() {
    repeating_flags=()
    non_repeating_flags=(--json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=(--leaf-hash --key --witness)
    non_repeating_options=(--proof --witness-threshold --origin --junit)
    __state-audit_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--leaf-hash')
        return
        ;;
    '--proof')
        return
        ;;
    '--key')
        return
        ;;
    '--witness')
        return
        ;;
    '--witness-threshold')
        return
        ;;
    '--origin')
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_log_subtree() {
    repeating_flags=()
    non_repeating_flags=(--json --force --verbose -v --quiet -q --version -h --help)
    repeating_options=(--key --witness)
    non_repeating_options=(--subtree-hash --proof --witness-threshold --origin --junit)
    __state-audit_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--subtree-hash')
        return
        ;;
    '--proof')
        return
        ;;
    '--key')
        return
        ;;
    '--witness')
        return
        ;;
    '--witness-threshold')
        return
        ;;
    '--origin')
        return
        ;;
    '--junit')
        return
        ;;
    esac
}

_state-audit_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __state-audit_offer_flags_options -1
}

complete -o filenames -F _state-audit state-audit
