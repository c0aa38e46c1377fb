#!/bin/bash

__autoid-sign_cursor_index_in_current_word() {
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
__autoid-sign_offer_flags_options() {
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

__autoid-sign_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__autoid-sign_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_autoid-sign() {
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
    __autoid-sign_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    sign|cosign|keygen|hash|issue|revoke|attest|registry-action|minisign|convert-key|journal|account-list|proposal|ballot|post|review|help)
        # Offer subcommand argument completions
        "_autoid-sign_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'sign cosign keygen hash issue revoke attest registry-action minisign convert-key journal account-list proposal ballot post review help' -- "${cur}"))
        ;;
    esac
}

_autoid-sign_sign() {
    repeating_flags=()
    non_repeating_flags=(--force -f --cid --verbose -v --quiet -q -0 --null --version -h --help)
    repeating_options=(--digest --chain --ingredient --party)
    non_repeating_options=(--key -k --output -o --id --role --source-type --action --passphrase-file --passphrase-fd --passphrase-env --files-from)
    __autoid-sign_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--key'|'-k')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--digest')
        __autoid-sign_add_completions -W 'sha256'$'\n''blake2b'$'\n''blake3'
        return
        ;;
    '--id')
        return
        ;;
    '--chain')
        return
        ;;
    '--role')
        return
        ;;
    '--source-type')
        return
        ;;
    '--action')
        return
        ;;
    '--ingredient')
        return
        ;;
    '--party')
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
    '--files-from')
        return
        ;;
    esac
}

_autoid-sign_cosign() {
    repeating_flags=()
    non_repeating_flags=(--force -f --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--key -k --id --output -o --passphrase-file --passphrase-fd --passphrase-env)
    __autoid-sign_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--key'|'-k')
        return
        ;;
    '--id')
        return
        ;;
    '--output'|'-o')
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

_autoid-sign_keygen() {
    repeating_flags=()
    non_repeating_flags=(--force -f --passphrase --no-passphrase --verbose -v --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(-s --secret-key -p --public-key --passphrase-file --passphrase-fd --passphrase-env)
    __autoid-sign_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-s'|'--secret-key')
        return
        ;;
    '-p'|'--public-key')
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

_autoid-sign_hash() {
    repeating_flags=()
    non_repeating_flags=(--check -c --quiet -q --status --ignore-missing --cid --no-name --tag -z --zero --no-names --strict -0 --null --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--algorithm -a --name --num-threads --files-from)
    __autoid-sign_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--algorithm'|'-a')
        __autoid-sign_add_completions -W 'sha256'$'\n''blake2b'$'\n''blake3'
        return
        ;;
    '--name')
        return
        ;;
    '--num-threads')
        return
        ;;
    '--files-from')
        return
        ;;
    esac
}

_autoid-sign_issue() {
    repeating_flags=()
    non_repeating_flags=(--ca --force -f --verbose -v --quiet -q --version -h --help)
    repeating_options=(--link --email)
    non_repeating_options=(--key -k --issuer --subject-key --cn --kind --provider --model --model-version --days --path-length --output -o --passphrase-file --passphrase-fd --passphrase-env)
    __autoid-sign_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--key'|'-k')
        return
        ;;
    '--issuer')
        return
        ;;
    '--subject-key')
        return
        ;;
    '--cn')
        return
        ;;
    '--kind')
        return
        ;;
    '--provider')
        return
        ;;
    '--model')
        return
        ;;
    '--model-version')
        return
        ;;
    '--link')
        return
        ;;
    '--email')
        return
        ;;
    '--days')
        return
        ;;
    '--path-length')
        return
        ;;
    '--output'|'-o')
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

_autoid-sign_revoke() {
    repeating_flags=()
    non_repeating_flags=(--force -f --verbose -v --quiet -q --version -h --help)
    repeating_options=(--cert --serial)
    non_repeating_options=(--key -k --passphrase-file --passphrase-fd --passphrase-env --issuer --update --days --output -o)
    __autoid-sign_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--key'|'-k')
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
    '--issuer')
        return
        ;;
    '--cert')
        return
        ;;
    '--serial')
        return
        ;;
    '--update')
        return
        ;;
    '--days')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    esac
}

_autoid-sign_attest() {
    repeating_flags=()
    non_repeating_flags=(--force -f --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--key -k --passphrase-file --passphrase-fd --passphrase-env --attester --subject --factor --days --output -o)
    __autoid-sign_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--key'|'-k')
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
    '--attester')
        return
        ;;
    '--subject')
        return
        ;;
    '--factor')
        return
        ;;
    '--days')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    esac
}

_autoid-sign_registry-action() {
    repeating_flags=()
    non_repeating_flags=(--json --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--key -k --passphrase-file --passphrase-fd --passphrase-env --id --nonce --action)
    __autoid-sign_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--key'|'-k')
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
    '--id')
        return
        ;;
    '--nonce')
        return
        ;;
    '--action')
        return
        ;;
    esac
}

_autoid-sign_minisign() {
    repeating_flags=()
    non_repeating_flags=(-l --legacy --signify --embed --force -f -0 --null --verbose -v --version -h --help)
    repeating_options=(-m --message)
    non_repeating_options=(-s --secret-key -k --key -x --signature -t --trusted-comment -c --comment --files-from --passphrase-file --passphrase-fd --passphrase-env)
    __autoid-sign_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-s'|'--secret-key'|'-k'|'--key')
        return
        ;;
    '-x'|'--signature')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-t'|'--trusted-comment')
        return
        ;;
    '-c'|'--comment')
        return
        ;;
    '--files-from')
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

_autoid-sign_convert-key() {
    repeating_flags=()
    non_repeating_flags=(-W --unencrypted --passphrase --force -f --verbose -v --quiet -q --version -h --help)
    repeating_options=()
    non_repeating_options=(--to -s --secret-key -p --public-key --passphrase-file --passphrase-fd --passphrase-env)
    __autoid-sign_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--to')
        __autoid-sign_add_completions -W 'minisign'$'\n''pem'
        return
        ;;
    '-s'|'--secret-key')
        return
        ;;
    '-p'|'--public-key')
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

_autoid-sign_journal() {
    repeating_flags=()
    non_repeating_flags=(--force -f --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--key -k --passphrase-file --passphrase-fd --passphrase-env --id --output -o)
    __autoid-sign_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--key'|'-k')
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
    '--id')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    esac
}

_autoid-sign_account-list() {
    repeating_flags=()
    non_repeating_flags=(--force -f --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--key -k --passphrase-file --passphrase-fd --passphrase-env --id --output -o)
    __autoid-sign_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--key'|'-k')
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
    '--id')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    esac
}

_autoid-sign_proposal() {
    repeating_flags=()
    non_repeating_flags=(--force -f --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--key -k --passphrase-file --passphrase-fd --passphrase-env --id --output -o)
    __autoid-sign_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--key'|'-k')
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
    '--id')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    esac
}

_autoid-sign_ballot() {
    repeating_flags=()
    non_repeating_flags=(--force -f --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--cosign --choice --voter --assistant --key -k --passphrase-file --passphrase-fd --passphrase-env --output -o)
    __autoid-sign_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--cosign')
        return
        ;;
    '--choice')
        return
        ;;
    '--voter')
        return
        ;;
    '--assistant')
        return
        ;;
    '--key'|'-k')
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
    '--output'|'-o')
        return
        ;;
    esac
}

_autoid-sign_post() {
    repeating_flags=()
    non_repeating_flags=(--force -f --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--cosign --text-file --author --assistant --key -k --passphrase-file --passphrase-fd --passphrase-env --output -o)
    __autoid-sign_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--cosign')
        return
        ;;
    '--text-file')
        return
        ;;
    '--author')
        return
        ;;
    '--assistant')
        return
        ;;
    '--key'|'-k')
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
    '--output'|'-o')
        return
        ;;
    esac
}

_autoid-sign_review() {
    repeating_flags=()
    non_repeating_flags=(--reject --force -f --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--code-hash --code --kind --key -k --passphrase-file --passphrase-fd --passphrase-env --id --output -o)
    __autoid-sign_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--code-hash')
        return
        ;;
    '--code')
        return
        ;;
    '--kind')
        return
        ;;
    '--key'|'-k')
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
    '--id')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    esac
}

_autoid-sign_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __autoid-sign_offer_flags_options -1
}

complete -o filenames -F _autoid-sign autoid-sign
