echo ok
foo() {
  echo "unterminated
}
