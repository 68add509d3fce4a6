#!/usr/bin/env bash
declare -a arr=( one "two words" three )
for i in "${!arr[@]}"; do printf '%s=%s\n' "$i" "${arr[$i]}"; done
case "$1" in
  start|run) echo starting ;;
  *) echo "usage: $0 start" && exit 1 ;;
esac
cat <<EOT
  heredoc line with $HOME and $(date +%Y)
EOT
[[ -n ${VAR:-} && $x =~ ^[0-9]+$ ]] && echo number
# a comment that stays
coproc worker { sleep 1; }
