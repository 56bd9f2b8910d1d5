# zsh zsh-complete.zsh SCRIPT LINE [fpath]: the completions zsh offers for LINE (Tab pressed at its end), one a
# line. The script is sourced after compinit, or with "fpath" found by compinit in its folder, as an install would.
zmodload zsh/zpty
local rc=${TMPDIR:-/tmp}/advise-capture-$$.zsh
cat > $rc <<'RC'
PS1='' RPS1=''
autoload -U compinit && compinit -u -D
bindkey '^I' complete-word
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits
  builtin compadd -A __hits "$@"
  (( $#__hits )) && print -rl -- $'\x01'${^__hits}$'\x01'
  builtin compadd "$@"
}
_capture_done() { print -r -- $'\x02'; exit }
comppostfuncs=( _capture_done )
RC
zpty z zsh -f -i
if [[ $3 == fpath ]]; then
  zpty -w z "fpath=(${(q)1:h} \$fpath); source ${(q)rc}"
else
  zpty -w z "source ${(q)rc}; source ${(q)1}"
fi
zpty -n -w z "$2"$'\t'
local line
while zpty -r z line; do
  [[ $line == *$'\x02'* ]] && break
  [[ $line == *$'\x01'*$'\x01'* ]] && print -r -- ${${line#*$'\x01'}%%$'\x01'*}
done
zpty -d z
rm -f $rc
