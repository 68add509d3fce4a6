if true; then
  echo never closed
