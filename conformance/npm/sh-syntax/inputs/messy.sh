#!/bin/sh
  if [ -f "$1" ];then
echo   "file: $1"   >&2
      else   echo missing ;  fi
for x in a b   c; do echo $x;done
f() {   local v=$((1+2*3)); echo "$v" | tr a-z A-Z ;}
