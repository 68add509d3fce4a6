echo "café €"   ;   ls  -la |
  wc -l
